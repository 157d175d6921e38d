package dev.baton.mail;

/** Variables of a MailDelivery instance: what Cockpit shows of a queued mail. */
final class MailVariables {
  static final String KIND = "mailKind";
  static final String TO = "mailTo";
  static final String SUBJECT = "mailSubject";
  static final String HTML = "mailHtml";
  static final String TEXT = "mailText";
  static final String ACCOUNT_ID = "accountId";
  /** The customer question whose links are put into the bodies as the mail is sent; never the links. */
  static final String CUSTOMER_QUESTION = "customerQuestionId";

  /** The task the mail asks for work on: once it is done, the mail is no longer sent. */
  static final String ONLY_WHILE_TASK_OPEN = "mailOnlyWhileTaskOpen";

  private MailVariables() {}
}
