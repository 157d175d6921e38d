package dev.baton.expansion;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.engine.SignedInUser;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.raci.InformedRoles;
import dev.baton.raci.RoleRecipients;
import dev.baton.web.Excerpt;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of ExpansionOpportunity.bpmn (docs/lifecycle.md#expansion-opportunities): check what the raiser
 * gave, choose who in Sales qualifies it (the account's Account Manager, else its Sales Rep), check the
 * decision, tell the CSM of an accepted one and the raiser of a rejected one; and raise one from any form
 * with the fields {@code expansionSpotted} and {@code expansionNeed}.
 */
@Component("expansionOpportunities")
public class ExpansionOpportunities {

  static final String PROCESS_KEY = "ExpansionOpportunity";
  static final Set<String> URGENCIES = Set.of("low", "medium", "high");
  static final int MAX_NEED = 4000;
  private static final Logger log = LoggerFactory.getLogger(ExpansionOpportunities.class);

  private final Accounts accounts;
  private final RuntimeService runtime;
  private final MailOutbox mail;
  private final InformedRoles informed;
  private final RoleRecipients recipients;
  private final ExpansionProperties properties;
  private final HubSpotDeals hubSpot;

  ExpansionOpportunities(Accounts accounts, RuntimeService runtime, MailOutbox mail, InformedRoles informed,
      RoleRecipients recipients, ExpansionProperties properties, HubSpotDeals hubSpot) {
    this.hubSpot = hubSpot;
    this.accounts = accounts;
    this.runtime = runtime;
    this.mail = mail;
    this.informed = informed;
    this.recipients = recipients;
    this.properties = properties;
  }

  /**
   * "Check the opportunity", right after the start: a mistake fails the start (Tasklist shows the message,
   * nothing is kept), naming every wrong field at once. Sets {@code accountName}, and the account id as the
   * business key.
   */
  public void check(DelegateExecution execution) {
    List<String> problems = new ArrayList<>();
    String accountId = text(execution.getVariable("accountId"));
    Optional<Account> account = accountId == null ? Optional.empty() : accounts.find(accountId);
    if (accountId == null) {
      problems.add("accountId: is missing; give the id of the customer's account in Baton");
    } else if (account.isEmpty()) {
      problems.add("accountId: there is no account '" + Excerpt.of(accountId) + "'; give the id of the customer's "
          + "account in Baton (as in Cockpit's Accounts)");
    } else if (accounts.isChurned(accountId)) {
      problems.add("accountId: the account '" + Excerpt.of(accountId) + "' has churned; there is nothing to expand");
    }
    String need = text(execution.getVariable("expansionNeed"));
    if (need == null) {
      problems.add("expansionNeed: is missing; say what the customer needs");
    } else if (need.length() > MAX_NEED) {
      problems.add("expansionNeed: is " + need.length() + " characters long; keep it to " + MAX_NEED);
    }
    Object value = execution.getVariable("estimatedValue");
    if (value != null && !(value instanceof Number n && new BigDecimal(n.toString()).signum() >= 0)) {
      problems.add("estimatedValue: '" + Excerpt.of(String.valueOf(value)) + "' is not an amount of 0 or more");
    }
    Object urgency = execution.getVariable("urgency");
    if (urgency == null || !URGENCIES.contains(urgency.toString())) {
      problems.add("urgency: '" + Excerpt.of(String.valueOf(urgency)) + "' is not an urgency; choose low, medium or high");
    }
    if (!problems.isEmpty()) {
      throw new ProcessEngineException("The expansion opportunity cannot be raised: " + String.join("; ", problems));
    }
    execution.setVariable("accountName", account.get().name());
    // Tasklist's start dialog leaves the business key to the person; Baton's processes are keyed by account.
    if (!accountId.equals(execution.getProcessBusinessKey())) {
      execution.setProcessBusinessKey(accountId);
    }
    log.info("Expansion opportunity {} raised for account {} by {}", execution.getProcessInstanceId(), accountId,
        execution.getVariable("raisedBy"));
  }

  /**
   * "Choose who qualifies it": the account team's Account Manager, else its Sales Rep (variables
   * {@code qualifierUserId}, {@code qualifierRole}); with neither, the Account Managers' group sees the task.
   */
  public void chooseQualifier(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    Optional<String> manager = accounts.teamMember(accountId, "account-manager");
    Optional<String> rep = manager.isPresent() ? Optional.empty() : accounts.teamMember(accountId, "sales-rep");
    execution.setVariable("qualifierUserId", manager.or(() -> rep).orElse(null));
    execution.setVariable("qualifierRole", rep.isPresent() ? "sales-rep" : "account-manager");
  }

  /** The due date's business days of "Qualify the expansion opportunity" ({@code baton.expansion.qualify-days}). */
  public int qualifyDays() {
    return properties.qualifyDays();
  }

  /** Completing "Qualify" (an end listener): accepted needs the CRM deal's id, rejected the reason; otherwise the task stays open. */
  public void decided(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return; // the task was cancelled (the account churned), not completed: nothing was decided
    }
    Object decision = execution.getVariable("qualification");
    if ("accepted".equals(decision)) {
      boolean createInHubSpot = Boolean.TRUE.equals(execution.getVariable("createHubSpotDeal"));
      if (createInHubSpot && !hubSpot.enabled()) {
        throw new ProcessEngineException("createHubSpotDeal: Baton is not connected to HubSpot "
            + "(baton.crm.hubspot.access-token); create the deal in the CRM and give its id");
      }
      if (!createInHubSpot && text(execution.getVariable("crmDealId")) == null) {
        throw new ProcessEngineException("crmDealId: is missing; an accepted opportunity needs the id of its deal "
            + "in the CRM" + (hubSpot.enabled() ? " (or tick: create the deal in HubSpot)" : ""));
      }
    } else if ("rejected".equals(decision)) {
      if (text(execution.getVariable("rejectionReason")) == null) {
        throw new ProcessEngineException("rejectionReason: is missing; tell the raiser why it is rejected");
      }
    } else {
      throw new ProcessEngineException("qualification: '" + Excerpt.of(String.valueOf(decision))
          + "' is not a decision; choose accepted or rejected");
    }
  }

  /** "Tell the CSM": the opportunity became a deal (raci.informed of the step). */
  public void tellCsm(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    mail.send(new OutgoingMail("expansion-decided", informed.emails(execution, accountId),
        "Expansion opportunity accepted: " + execution.getVariable("accountName"), model(execution), accountId));
  }

  /** "Tell the raiser": why it was rejected; a raiser without an e-mail address: the step's informed roles. */
  public void tellRaiser(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    Object raiser = execution.getVariable("raisedBy");
    List<String> to = raiser == null ? List.of() : recipients.emailsOf(List.of(raiser.toString()));
    mail.send(new OutgoingMail("expansion-decided", to.isEmpty() ? informed.emails(execution, accountId) : to,
        "Expansion opportunity rejected: " + execution.getVariable("accountName"), model(execution), accountId));
  }

  /**
   * Raises an opportunity from another process's form: {@code ${expansionOpportunities.raiseIfSpotted(execution)}}
   * after a task whose form has {@code expansionSpotted} (checkbox) and {@code expansionNeed} (text). The raiser
   * is the person completing it (else the account's CSM). The fields are cleared, so a loop does not raise twice.
   */
  public void raiseIfSpotted(DelegateExecution execution) {
    String need = text(execution.getVariable("expansionNeed"));
    if (execution.isCanceled() || !Boolean.TRUE.equals(execution.getVariable("expansionSpotted")) || need == null) {
      return;
    }
    String accountId = (String) execution.getVariable("accountId");
    String raisedBy = SignedInUser.id().or(() -> accounts.teamMember(accountId, "csm")).orElse(null);
    Map<String, Object> variables = Variables.createVariables().putValue("accountId", accountId)
        .putValue("expansionNeed", need).putValue("estimatedValue", null).putValue("urgency", "medium").putValue("raisedBy", raisedBy)
        .putValue("raisedFrom", execution.getProcessDefinitionId().split(":")[0]);
    String id = WithoutAuthorization.call(() -> runtime.createProcessInstanceByKey(PROCESS_KEY).businessKey(accountId)
        .setVariables(variables).execute().getId());
    execution.setVariable("expansionSpotted", false);
    execution.setVariable("expansionNeed", null);
    log.info("Expansion opportunity {} raised for account {} from {}", id, accountId, variables.get("raisedFrom"));
  }

  private Map<String, Object> model(DelegateExecution execution) {
    Map<String, Object> model = new HashMap<>();
    for (String name : List.of("accountId", "accountName", "expansionNeed", "estimatedValue", "urgency",
        "qualification", "crmDealId", "rejectionReason")) {
      model.put(name, execution.getVariable(name));
    }
    Object raiser = execution.getVariable("raisedBy");
    model.put("raisedBy", raiser == null ? null : recipients.displayName(raiser.toString()));
    return model;
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
