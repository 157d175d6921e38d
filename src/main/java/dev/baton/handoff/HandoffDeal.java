package dev.baton.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.crm.DealWon;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Read the deal data": turns the {@code deal} start variable (and, for HubSpot, what the CRM API
 * answered) into the flat process variables that forms, RACI mails and later processes use
 * (names in docs/handoff.md).
 */
@Component("handoffDeal")
public class HandoffDeal {

  private static final Logger log = LoggerFactory.getLogger(HandoffDeal.class);

  private final ObjectMapper json;

  public HandoffDeal(ObjectMapper json) {
    this.json = json;
  }

  public void read(DelegateExecution execution) {
    DealWon deal = dealOf(execution);
    setVariables(execution, deal);
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

  void setVariables(DelegateExecution execution, DealWon deal) {
    String accountId = deal.accountId() != null && !deal.accountId().isBlank()
        ? deal.accountId() : deal.crm() + "-deal-" + deal.dealId();
    execution.setVariable(HandoffVariables.ACCOUNT_ID, accountId);
    execution.setVariable(HandoffVariables.ACCOUNT_NAME, deal.accountName() == null ? accountId : deal.accountName());
    execution.setVariable(HandoffVariables.AMOUNT, deal.amount() == null ? null : deal.amount().doubleValue());
    execution.setVariable(HandoffVariables.CURRENCY, deal.currency());
    execution.setVariable(HandoffVariables.CLOSE_DATE, iso(deal.closeDate()));
    execution.setVariable(HandoffVariables.CONTRACT_START, iso(deal.contractStart()));
    execution.setVariable(HandoffVariables.CONTRACT_END, iso(deal.contractEnd()));
    execution.setVariable(HandoffVariables.RENEWAL_DATE, iso(deal.renewalDate()));
    execution.setVariable(HandoffVariables.SALES_REP_EMAIL, deal.ownerEmail());
    execution.setVariable(HandoffVariables.CSM_EMAIL, deal.csmEmail());
    List<DealWon.Contact> contacts = deal.contacts();
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
    log.info("Handoff {} reads deal {} of {}: account {} ({})", execution.getBusinessKey(), deal.dealId(),
        deal.crm(), accountId, deal.accountName());
  }

  static String iso(LocalDate date) {
    return date == null ? null : date.toString();
  }
}
