package dev.baton.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.calendar.BusinessTime;
import dev.baton.mail.MailFormats;
import dev.baton.crm.CrmNotRead;
import dev.baton.crm.DealWon;
import dev.baton.crm.HubSpotDeal;
import dev.baton.crm.HubSpotDealReader;
import dev.baton.crm.PipedriveDealReader;
import dev.baton.crm.SalesforceDealReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Read the deal data": turns the {@code deal} start variable (when the deal was read from its CRM's API,
 * HubSpot's, Salesforce's or Pipedrive's: what the API answered, over it) into the flat process variables
 * that forms, RACI mails, segmentation and later processes use (names and types in docs/handoff.md), so
 * nobody types again what the CRM already knows.
 */
@Component("handoffDeal")
public class HandoffDeal {

  private static final Logger log = LoggerFactory.getLogger(HandoffDeal.class);

  private final ObjectMapper json;
  private final HubSpotDealReader hubSpot;
  private final SalesforceDealReader salesforce;
  private final PipedriveDealReader pipedrive;
  private final CrmNotRead notRead;
  private final BusinessTime time;
  private final SalesRegions regions;
  private final MailFormats formats;

  public HandoffDeal(ObjectMapper json, HubSpotDealReader hubSpot, SalesforceDealReader salesforce,
      PipedriveDealReader pipedrive, CrmNotRead notRead, BusinessTime time, SalesRegions regions, MailFormats formats) {
    this.formats = formats;
    this.json = json;
    this.hubSpot = hubSpot;
    this.salesforce = salesforce;
    this.pipedrive = pipedrive;
    this.notRead = notRead;
    this.time = time;
    this.regions = regions;
  }

  public void read(DelegateExecution execution) {
    DealWon deal = dealOf(execution);
    String dealName = null;
    HubSpotDeal.Company company = null;
    HubSpotDeal fetched = null;
    if (execution.hasVariable("hubspotDeal")) {
      fetched = hubSpot.read(deal.dealId(), text(execution, "hubspotDeal"),
          text(execution, "hubspotCompanies"), text(execution, "hubspotContacts"), text(execution, "hubspotOwner"));
    } else if (execution.hasVariable("salesforceOpportunity")) {
      fetched = salesforce.read(deal, text(execution, "salesforceOpportunity"), text(execution, "salesforceAccount"),
          text(execution, "salesforceContactRoles"), text(execution, "salesforceOwner"));
    } else if (execution.hasVariable("pipedriveDeal")) {
      fetched = pipedrive.read(deal, text(execution, "pipedriveDeal"), text(execution, "pipedriveOrganization"),
          text(execution, "pipedrivePerson"), text(execution, "pipedriveOwner"));
    }
    if (fetched != null) {
      deal = fetched.deal();
      dealName = fetched.dealName();
      company = fetched.company();
    } else {
      sayNotRead(execution, deal);
    }
    setVariables(execution, complete(deal, time.today()), dealName, company);
  }

  /**
   * A deal of a CRM Baton can read that was not read (its API is not configured) goes on as the webhook
   * knows it: one log line says why, and the checklist tells the sales rep what is not in it.
   */
  private void sayNotRead(DelegateExecution execution, DealWon deal) {
    notRead.readableCrm(deal.crm()).ifPresent(crmName -> {
      log.info("Handoff {}: deal {} not read from {} because {}; it goes on with what the webhook said, and the "
          + "checklist says so", execution.getBusinessKey(), deal.dealId(), crmName, notRead.reason(deal.crm()));
      execution.setVariable(HandoffVariables.CRM_NOT_READ, notRead.note(crmName));
    });
  }

  DealWon dealOf(DelegateExecution execution) {
    Object value = execution.getVariable(HandoffVariables.DEAL);
    if (value == null) {
      throw new ProcessEngineException("The handoff " + execution.getBusinessKey()
          + " has no 'deal' variable; start it with crm, dealId and deal (see docs/handoff.md)");
    }
    try {
      return json.readValue(value.toString(), DealWon.class);
    } catch (JsonProcessingException e) {
      throw new ProcessEngineException("The 'deal' variable of handoff " + execution.getBusinessKey()
          + " is not a DealWon JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Fills contract dates the CRM left out: the contract starts on the close date (today if unknown),
   * runs one year, and renews when it ends.
   */
  static DealWon complete(DealWon d, LocalDate today) {
    LocalDate close = d.closeDate() != null ? d.closeDate() : today;
    LocalDate start = d.contractStart() != null ? d.contractStart() : close;
    LocalDate end = d.contractEnd() != null ? d.contractEnd() : start.plusYears(1).minusDays(1);
    LocalDate renewal = d.renewalDate() != null ? d.renewalDate() : end;
    return new DealWon(d.crm(), d.dealId(), d.accountId(), d.accountName(), d.amount(), d.currency(), close, start,
        end, renewal, d.ownerEmail(), d.csmEmail(), d.contacts());
  }

  /**
   * The amount per year: a contract longer than a year counts its amount divided by its length in years
   * (whole months, so a three-year contract of 300,000 is 100,000 a year, leap days or not); one of a
   * year or less counts whole.
   */
  static Double annualContractValue(DealWon d) {
    if (d.amount() == null) {
      return null;
    }
    long months = ChronoUnit.MONTHS.between(d.contractStart(), d.contractEnd().plusDays(1));
    if (months <= 12) {
      return d.amount().doubleValue();
    }
    return d.amount().multiply(BigDecimal.valueOf(12)).divide(BigDecimal.valueOf(months), 2, RoundingMode.HALF_UP)
        .doubleValue();
  }

  private void setVariables(DelegateExecution execution, DealWon deal, String dealName, HubSpotDeal.Company company) {
    String accountId = deal.accountId() != null && !deal.accountId().isBlank()
        ? deal.accountId() : deal.crm() + "-deal-" + deal.dealId();
    // A deal that names no customer (HubSpot's, not read) is shown to staff as the CRM's deal, not as an id.
    String accountName = deal.accountName() != null && !deal.accountName().isBlank() ? deal.accountName()
        : notRead.readableCrm(deal.crm()).map(crmName -> crmName + " deal " + deal.dealId()).orElse(accountId);
    execution.setVariable(HandoffVariables.ACCOUNT_ID, accountId);
    execution.setVariable(HandoffVariables.ACCOUNT_NAME, accountName);
    execution.setVariable(HandoffVariables.DEAL_NAME, dealName != null ? dealName : accountName);
    execution.setVariable(HandoffVariables.AMOUNT, deal.amount() == null ? null : deal.amount().doubleValue());
    execution.setVariable(HandoffVariables.CURRENCY, deal.currency());
    execution.setVariable(HandoffVariables.DEAL_VALUE, deal.amount() == null ? null : formats.amount(deal.amount(), deal.currency()));
    execution.setVariable(HandoffVariables.ANNUAL_CONTRACT_VALUE, annualContractValue(deal));
    execution.setVariable(HandoffVariables.CLOSE_DATE, iso(deal.closeDate()));
    execution.setVariable(HandoffVariables.CONTRACT_START, iso(deal.contractStart()));
    execution.setVariable(HandoffVariables.CONTRACT_END, iso(deal.contractEnd()));
    execution.setVariable(HandoffVariables.RENEWAL_DATE, iso(deal.renewalDate()));
    execution.setVariable(HandoffVariables.SALES_REP_EMAIL, deal.ownerEmail());
    execution.setVariable(HandoffVariables.CSM_EMAIL, deal.csmEmail());
    execution.setVariable(HandoffVariables.INDUSTRY, company == null ? null : company.industry());
    execution.setVariable(HandoffVariables.EMPLOYEES, company == null ? null : company.employees());
    execution.setVariable(HandoffVariables.COUNTRY, company == null ? null : company.country());
    execution.setVariable(HandoffVariables.REGION, company == null ? null : regions.of(company.country()));
    List<DealWon.Contact> contacts = deal.contacts();
    // The main contact: the first one with an e-mail address (the welcome mail goes there).
    DealWon.Contact main = contacts.stream().filter(c -> c.email() != null && !c.email().isBlank()).findFirst()
        .orElse(contacts.isEmpty() ? null : contacts.get(0));
    execution.setVariable(HandoffVariables.CUSTOMER_CONTACT_NAME, main == null ? null : main.name());
    execution.setVariable(HandoffVariables.CUSTOMER_CONTACT_EMAIL, main == null ? null : main.email());
    try {
      execution.setVariable(HandoffVariables.CONTACTS,
          SpinValues.jsonValue(json.writeValueAsString(contacts)).create());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    log.info("Handoff {}: deal {} from {} read for account {} ({}), amount {} {}, {} contact(s)",
        execution.getBusinessKey(), deal.dealId(), deal.crm(), accountId, accountName, deal.amount(), deal.currency(),
        contacts.size());
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }

  static String iso(LocalDate date) {
    return date == null ? null : date.toString();
  }
}
