package dev.baton.handoff;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.mail.EmailAddress;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Server-side checks of the checklist and review forms (task listeners on completion), so a task
 * completed through the REST API cannot skip what the forms require; and a renewal date corrected
 * in the checklist updates the account. The checklist's required and date fields are read from the
 * form the task shows (forms/handoff-checklist.form of its process version), the one list of them.
 */
@Component("handoffChecklist")
public class HandoffChecklist {

  private static final Logger log = LoggerFactory.getLogger(HandoffChecklist.class);

  private final Accounts accounts;
  private final ChecklistForm checklistForm;

  HandoffChecklist(Accounts accounts, ChecklistForm checklistForm) {
    this.accounts = accounts;
    this.checklistForm = checklistForm;
  }

  /** Complete listener of "Complete the handoff checklist". */
  public void checkChecklist(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    // The form this task shows: the one deployed with its process version.
    ChecklistForm.Fields fields = checklistForm.of(task.getId());
    for (String field : fields.required()) {
      Object value = task.getVariable(field);
      if (value == null || value.toString().isBlank()) {
        problems.add(field + ": is required");
      }
    }
    for (String field : fields.dates()) {
      Object value = task.getVariable(field);
      if (value != null && !value.toString().isBlank()) {
        try {
          LocalDate.parse(value.toString());
        } catch (DateTimeParseException e) {
          problems.add(field + ": '" + value + "' is not a date; use yyyy-MM-dd");
        }
      }
    }
    Object email = task.getVariable(HandoffVariables.CUSTOMER_CONTACT_EMAIL);
    if (email != null && !email.toString().isBlank() && !EmailAddress.valid(email.toString())) {
      problems.add("customerContactEmail: '" + email + "' is not an e-mail address");
    }
    if (!problems.isEmpty()) {
      throw new ProcessEngineException("The handoff checklist is incomplete: " + String.join("; ", problems));
    }
    updateRenewalDate(task);
  }

  /** Complete listener of "Review the handoff checklist": a decision, and the reasons when sending back. */
  public void checkReview(DelegateTask task) {
    Object decision = task.getVariable("checklistReview");
    if (!"accepted".equals(decision) && !"sent-back".equals(decision)) {
      throw new ProcessEngineException("checklistReview: '" + decision + "' is not a decision; use accepted or sent-back");
    }
    Object missing = task.getVariable("missingItems");
    if ("sent-back".equals(decision) && (missing == null || missing.toString().isBlank())) {
      throw new ProcessEngineException("missingItems: say what is missing when sending the checklist back");
    }
  }

  private void updateRenewalDate(DelegateTask task) {
    String accountId = (String) task.getVariable(HandoffVariables.ACCOUNT_ID);
    LocalDate renewal = LocalDate.parse(task.getVariable(HandoffVariables.RENEWAL_DATE).toString());
    accounts.find(accountId).filter(a -> !Objects.equals(a.renewalDate(), renewal)).ifPresent(a -> {
      accounts.save(new Account(a.accountId(), a.name(), a.segment(), renewal, a.healthBand(), a.team()));
      log.info("Account {}: renewal date {} corrected to {} in the handoff checklist", accountId, a.renewalDate(),
          renewal);
    });
  }
}
