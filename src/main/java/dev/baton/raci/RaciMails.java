package dev.baton.raci;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.engine.SignedInUser;
import dev.baton.calendar.BusinessTime;
import dev.baton.identity.RoleCatalogue;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The RACI mails of a user task, one template pair per kind under templates/mail/: C when the task is
 * created (raci-consulted), A and I when it is completed (raci-accountable-completed, raci-informed),
 * R and A when it is overdue (raci-reminder, raci-escalation). Recipients come from RoleRecipients.
 */
@Component
class RaciMails {

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final MailOutbox outbox;
  private final RoleRecipients recipients;
  private final Accounts accounts;
  private final RoleCatalogue roles;
  private final FormService forms;
  private final String publicBaseUrl;
  private final BusinessTime time;

  RaciMails(MailOutbox outbox, RoleRecipients recipients, Accounts accounts, RoleCatalogue roles,
      FormService forms, @Value("${baton.public-base-url}") String publicBaseUrl, BusinessTime time) {
    this.forms = forms;
    this.outbox = outbox;
    this.recipients = recipients;
    this.accounts = accounts;
    this.roles = roles;
    this.publicBaseUrl = publicBaseUrl;
    this.time = time;
  }

  /** C: what input is wanted, with a link to the task. */
  void consulted(RaciTaskModel model, DelegateTask task, String accountId) {
    if (model.raci().consulted().isEmpty()) {
      return;
    }
    Map<String, Object> values = common(model, task, accountId);
    List<String> to = emails(accountId, model.raci().consulted());
    if (!to.isEmpty()) {
      // Input on a finished task is no longer wanted: a mail held back by an outage is dropped then.
      outbox.send(new OutgoingMail("raci-consulted", to,
          "Your input is wanted: " + model.displayTaskName() + " (" + values.get("accountName") + ")", values,
          accountId).onlyWhileTaskOpen(task.getId()));
    }
  }

  /** A and I: the outcome (who completed it, when, the key values). */
  void completed(RaciTaskModel model, DelegateTask task, String accountId) {
    boolean nobody = model.raci().informed().isEmpty() && model.raci().accountable() == null;
    if (nobody) {
      return;
    }
    Map<String, Object> values = common(model, task, accountId);
    String completer = SignedInUser.id().orElse(null);
    if (completer == null) {
      completer = task.getAssignee();
    }
    values.put("completedBy", completer == null ? "Baton (no signed-in user)" : recipients.displayName(completer));
    values.put("completedAt", time.now());
    List<CompletionValues.FormValue> outcome = CompletionValues.of(model, task, TaskForm.of(forms, task));
    values.put("values", outcome);
    // The task itself is closed now and Tasklist shows only open tasks: the link leads to what comes next.
    values.put("tasklistUrl", publicBaseUrl + "/camunda/app/tasklist/default/");
    String subject = completedSubject(model, outcome, (String) values.get("accountName"));
    if (model.raci().accountable() != null) {
      send("raci-accountable-completed", recipients.emails(accountId, model.raci().accountable()), subject, values,
          accountId);
    }
    send("raci-informed", emails(accountId, model.raci().informed()), subject, values, accountId);
  }

  /** What happened, in the form's words: the decision taken if the outcome holds one, else that it is done. */
  static String completedSubject(RaciTaskModel model, List<CompletionValues.FormValue> outcome, String accountName) {
    String what = CompletionValues.decision(outcome).map(CompletionValues.FormValue::value).orElse("Done");
    return what + ": " + model.displayTaskName() + " for " + accountName;
  }

  /** Past the due date: a reminder to R (the assignee, else the role) and an escalation to A. */
  void overdue(RaciTaskModel model, DelegateTask task, String accountId) {
    Map<String, Object> values = common(model, task, accountId);
    List<String> responsible = task.getAssignee() != null
        ? recipients.emailsOf(List.of(task.getAssignee()))
        : recipients.emails(accountId, model.raci().responsible());
    send("raci-reminder", responsible,
        "Overdue: " + model.displayTaskName() + " (" + values.get("accountName") + ")", values, accountId);
    if (model.raci().accountable() != null) {
      send("raci-escalation", recipients.emails(accountId, model.raci().accountable()),
          "Escalation: " + model.displayTaskName() + " (" + values.get("accountName") + ") is overdue", values,
          accountId);
    }
  }

  private void send(String kind, List<String> to, String subject, Map<String, Object> values, String accountId) {
    if (!to.isEmpty()) {
      outbox.send(new OutgoingMail(kind, to, subject, values, accountId));
    }
  }

  private List<String> emails(String accountId, Collection<String> roleIds) {
    Set<String> emails = new LinkedHashSet<>();
    roleIds.forEach(role -> emails.addAll(recipients.emails(accountId, role)));
    return List.copyOf(emails);
  }

  private Map<String, Object> common(RaciTaskModel model, DelegateTask task, String accountId) {
    Map<String, Object> values = new HashMap<>();
    String accountName = accountId == null ? "no account"
        : accounts.find(accountId).map(Account::name).orElse(accountId);
    values.put("accountName", accountName);
    values.put("taskName", model.displayTaskName());
    values.put("processName", model.displayProcessName());
    values.put("documentation", model.documentation());
    values.put("taskUrl", publicBaseUrl + "/camunda/app/tasklist/default/#/?task=" + task.getId());
    Date due = task.getDueDate();
    values.put("dueDate", due == null ? null : due.toInstant());
    values.put("assignee", task.getAssignee() == null ? null : recipients.displayName(task.getAssignee()));
    values.put("responsibleRole", roles.displayName(model.raci().responsible()));
    values.put("accountableRole", model.raci().accountable() == null ? null
        : roles.displayName(model.raci().accountable()));
    return values;
  }
}
