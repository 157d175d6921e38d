package dev.baton.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.account.Account;
import dev.baton.account.AccountService;
import dev.baton.mail.MailOutbox;
import dev.baton.support.Jobs;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Accounts, instances, timers and tasks of RenewalPreparation for the renewal tests. */
final class RenewalTestSupport {

  /** The tests' "today": a Monday morning. */
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final Map<String, String> TEAM = Map.of("csm", "csm-demo", "cs-lead", "cs-lead-demo",
      "account-manager", "account-manager-demo", "sales-rep", "sales-rep-demo");

  private final AccountService accountService;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;

  RenewalTestSupport(AccountService accountService, RuntimeService runtime, TaskService tasks,
      ManagementService management) {
    this.accountService = accountService;
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
  }

  static LocalDate today() {
    return NOW.atZone(ZoneId.of("UTC")).toLocalDate();
  }

  /** The moment a step's timer must fire: renewal date minus the offset, at 09:00 local time. */
  static Date due(LocalDate renewalDate, int daysBefore) {
    return Date.from(renewalDate.minusDays(daysBefore).atTime(LocalTime.of(9, 0)).atZone(ZoneId.of("UTC")).toInstant());
  }

  static String newAccountId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Saves the account through AccountService, as the accounts API and the CRM path do. */
  String save(String accountId, LocalDate renewalDate) {
    return save(accountId, renewalDate, "enterprise");
  }

  /** An account of the segment (e.g. tech-touch, served by the digital motion), saved as the API does. */
  String save(String accountId, LocalDate renewalDate, String segment) {
    accountService.save(new Account(accountId, "Acme " + accountId, segment, renewalDate, null, TEAM));
    return accountId;
  }

  List<ProcessInstance> instances(String accountId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(RenewalSchedules.PROCESS_KEY)
        .processInstanceBusinessKey(accountId).list();
  }

  ProcessInstance instance(String accountId) {
    List<ProcessInstance> running = instances(accountId);
    assertThat(running).as("running renewal preparations of " + accountId).hasSize(1);
    return running.get(0);
  }

  /** The pending timer job waiting at this activity of the instance. */
  Job timerAt(ProcessInstance instance, String activityId) {
    List<Job> jobs = management.createJobQuery().processInstanceId(instance.getId()).timers().list().stream()
        .filter(job -> activityId.equals(management.createJobDefinitionQuery()
            .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId()))
        .toList();
    assertThat(jobs).as("timer at " + activityId).hasSize(1);
    return jobs.get(0);
  }

  Task task(ProcessInstance instance, String key) {
    List<Task> open = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).list();
    assertThat(open).as("open task " + key).hasSize(1);
    return open.get(0);
  }

  void complete(ProcessInstance instance, String key, Map<String, Object> variables) {
    tasks.complete(task(instance, key).getId(), variables);
  }

  /** The internal review, the invitation and the value review done, naming the decision maker the survey goes to. */
  void completeReviews(ProcessInstance instance, String decisionMakerEmail) {
    complete(instance, "Task_InternalAccountReview", Map.of("valueDeliveredSoFar", "Goals met",
        "renewalApproach", "standard", "internalAgreement", true));
    invite(instance);
    complete(instance, "Task_ValueReview", Map.of("valueDelivered", "30% faster onboarding",
        "nextObjectives", "Roll out to sales", "decisionMakerName", "Dana Decider",
        "decisionMakerEmail", decisionMakerEmail, "customerExecutiveEmail", "exec@customer.test",
        "workingTeamEmails", "team1@customer.test, team2@customer.test"));
  }

  /** The customer invited to the value review. */
  void invite(ProcessInstance instance) {
    complete(instance, "Task_InviteToValueReview", Map.of("valueReviewInvitees", "Dana Decider (COO)",
        "invitedOn", today().toString(), "valueReviewOn", today().plusDays(14).toString()));
  }

  /** Runs the queued mails of the account (MailDelivery instances, business key = account id). */
  void sendMails(String accountId) {
    String[] deliveries = runtime.createProcessInstanceQuery().processDefinitionKey(MailOutbox.PROCESS_KEY)
        .processInstanceBusinessKey(accountId).list().stream().map(ProcessInstance::getId).toArray(String[]::new);
    if (deliveries.length > 0) {
      Jobs.executeAll(management, deliveries);
    }
  }
}
