package dev.baton.handoff;

/** Names of the handoff's process variables (the list with types is in docs/handoff.md). */
final class HandoffVariables {

  public static final String CRM = "crm";
  public static final String DEAL_ID = "dealId";
  public static final String DEAL = "deal";
  public static final String ACCOUNT_ID = "accountId";
  public static final String ACCOUNT_NAME = "accountName";
  public static final String DEAL_NAME = "dealName";
  /** The deal's amount as people read it, e.g. "€120,000" (forms show it; {@link #AMOUNT} is the number). */
  public static final String DEAL_VALUE = "dealValue";
  public static final String CRM_NOT_READ = "crmNotRead";
  public static final String AMOUNT = "amount";
  public static final String CURRENCY = "currency";
  public static final String ANNUAL_CONTRACT_VALUE = "annualContractValue";
  public static final String CLOSE_DATE = "closeDate";
  public static final String CONTRACT_START = "contractStart";
  public static final String CONTRACT_END = "contractEnd";
  public static final String RENEWAL_DATE = "renewalDate";
  public static final String SALES_REP_EMAIL = "salesRepEmail";
  public static final String SALES_REP_USER_ID = "salesRepUserId";
  public static final String CSM_EMAIL = "csmEmail";
  public static final String CSM_USER_ID = "csmUserId";
  public static final String CSM_NAME = "csmName";
  public static final String CSM_CHOSEN_BY = "csmChosenBy";
  public static final String CUSTOMER_CONTACT_NAME = "customerContactName";
  public static final String CUSTOMER_CONTACT_EMAIL = "customerContactEmail";
  public static final String CONTACTS = "contacts";
  public static final String INDUSTRY = "industry";
  public static final String EMPLOYEES = "employees";
  public static final String COUNTRY = "country";
  public static final String REGION = "region";
  public static final String SEGMENT = "segment";
  public static final String HANDOFF_SLA_DAYS = "handoffSlaDays";
  public static final String CSM_GROUP = "csmGroup";
  public static final String HANDOFF_DEADLINE = "handoffDeadline";
  public static final String HANDOFF_STARTED = "handoffStarted";
  public static final String TRANSITION_DATE = "transitionDate";

  private HandoffVariables() {}
}
