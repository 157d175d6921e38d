package dev.baton.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.account.Account;
import dev.baton.account.AccountService;
import dev.baton.mail.MailOutbox;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The mail server drill: the SMTP server (a real GreenMail) goes down while renewal surveys,
 * renewal reminders and task notifications are being produced, for 8 minutes of engine time. The job
 * executor is played by hand on the engine's clock (15-second steps across the mail's retry backoff), so the
 * outage takes seconds. Mails queued at its start outlast every retry and become incidents, only after
 * the last attempt (5.5 minutes in), with a message naming the mail, account and recipients; mails queued three
 * minutes in arrive by themselves on their last retry, after the server is back; the incidents, retried by the
 * operator as Cockpit does, send theirs. Each mail arrives once (one Message-ID per delivery, one copy per
 * recipient), none is lost, Baton stays in service (health 200, mail DEGRADED), and the log has one WARN line
 * per failed attempt and no stack trace.
 */
@BatonIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MailServerDownDrillTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  /** Renewal date of the drill's accounts; the survey step (90 days before, 09:00) is when the outage starts. */
  static final LocalDate RENEWAL = LocalDate.of(2027, 6, 1);
  static final Duration OUTAGE = Duration.ofMinutes(8);
  /** Staff complete reviews this far into the outage (task notifications queued mid-outage). */
  static final Duration STAFF_AT = Duration.ofMinutes(3);
  static final Duration STEP = Duration.ofSeconds(15);
  static final Duration WATCHED = Duration.ofMinutes(12);
  static final Map<String, String> TEAM = Map.of("csm", "csm-demo", "cs-lead", "cs-lead-demo",
      "account-manager", "account-manager-demo", "sales-rep", "sales-rep-demo", "sales-manager", "sales-manager-demo");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired AccountService accountService;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;

  String run;
  DueJobs jobs;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void mailsQueuedDuringAnOutageArriveOnceWhenTheServerIsBack(CapturedOutput log) throws Exception {
    run = "maildrill-" + UUID.randomUUID().toString().substring(0, 8);
    jobs = new DueJobs(management);
    RetrySchedule schedule = RetrySchedule.of(engine, MailOutbox.PROCESS_KEY, "Task_SendMail");
    Instant start = RENEWAL.minusDays(90).atTime(LocalTime.of(9, 0)).atZone(ZoneId.of("UTC")).toInstant();
    assertThat(schedule.untilLastAttempt()).as("the drill's outage must outlast the retries of its first mails")
        .isLessThan(OUTAGE).isGreaterThan(OUTAGE.minus(STAFF_AT));

    // Ten days before: four accounts reviewed (their surveys are due when the outage starts), three whose
    // internal review is left open (overdue by then: reminder and escalation). The server is up.
    ClockUtil.setCurrentTime(Date.from(start.minus(Duration.ofDays(10))));
    List<String> surveyed = accounts("s", 4);
    List<String> overdue = accounts("r", 3);
    jobs.run(this::activeInstances);
    for (String account : surveyed) {
      completeReviews(account);
    }
    jobs.run(this::activeInstances);
    assertThat(deliveries(Instant.EPOCH)).allMatch(d -> d.getEndTime() != null);

    smtp.stop();
    int logBefore = log.getOut().length();
    Map<String, List<DueJobs.Attempt>> attempts = new LinkedHashMap<>();
    Map<String, Instant> incidentsAt = new HashMap<>();
    for (Duration into = Duration.ZERO; into.compareTo(WATCHED) <= 0; into = into.plus(STEP)) {
      Instant now = start.plus(into);
      ClockUtil.setCurrentTime(Date.from(now));
      if (into.equals(OUTAGE)) {
        smtp.start();
      }
      if (into.equals(STAFF_AT)) {
        // Baton stays in service while mail waits: health 200, the mail server DEGRADED, staff work on.
        assertThat(mailHealth()).isEqualTo("200 DEGRADED");
        for (String account : overdue) {
          completeInternalReviewInTasklist(account);
        }
      }
      for (DueJobs.Attempt attempt : jobs.run(this::activeInstances)) {
        String delivery = attempt.processInstanceId();
        if (!isDelivery(delivery)) {
          continue;
        }
        List<DueJobs.Attempt> tries = attempts.computeIfAbsent(delivery, id -> new ArrayList<>());
        tries.add(attempt);
        assertThat(attempt.failed()).as("attempt at +%s while the server is %s", into, up(into) ? "up" : "down")
            .isEqualTo(!up(into));
        // An incident only once the last retry has failed, never before.
        long failures = tries.stream().filter(DueJobs.Attempt::failed).count();
        long incidents = runtime.createIncidentQuery().processInstanceId(delivery).count();
        assertThat(incidents).as("incidents of %s after %d failed attempts", delivery, failures)
            .isEqualTo(failures == schedule.attempts() ? 1 : 0);
        if (incidents == 1) {
          incidentsAt.put(delivery, now);
        }
      }
    }

    List<String> queuedAtStart = queuedBetween(attempts, start, start.plusSeconds(1));
    List<String> queuedByStaff = queuedBetween(attempts, start.plus(STAFF_AT), start.plus(STAFF_AT).plusSeconds(1));
    assertThat(kinds(queuedAtStart)).containsExactlyInAnyOrderEntriesOf(
        Map.of("renewal-survey", 4L, "raci-reminder", 3L, "raci-escalation", 3L));
    // The late reviews open the invitations to the value review, already past their day (120 days before the
    // renewal): the Account Manager is consulted, and the CSM reminded and the CS Lead told at once.
    assertThat(kinds(queuedByStaff)).containsExactlyInAnyOrderEntriesOf(Map.of("raci-accountable-completed", 3L,
        "raci-consulted", 3L, "raci-reminder", 3L, "raci-escalation", 3L));
    assertThat(attempts.keySet()).containsExactlyInAnyOrderElementsOf(union(queuedAtStart, queuedByStaff));

    // The backoff is the mail's own: attempts at 0, 30 s, 1.5 min, 3.5 min, 5.5 min after queueing.
    attempts.forEach((delivery, tries) -> {
      assertThat(tries).hasSize(schedule.attempts());
      for (int failures = 1; failures < tries.size(); failures++) {
        assertThat(Duration.between(tries.get(failures - 1).at().toInstant(), tries.get(failures).at().toInstant()))
            .as("wait after failure %d of %s", failures, delivery).isEqualTo(schedule.waitAfter(failures));
      }
    });
    // Queued at the start: five failures, the incident at the last one (5.5 min in), nothing sent yet. Its
    // message says which mail failed, for which account and to whom.
    for (String delivery : queuedAtStart) {
      assertThat(attempts.get(delivery)).allMatch(DueJobs.Attempt::failed);
      assertThat(incidentsAt.get(delivery)).isEqualTo(start.plus(schedule.untilLastAttempt()));
      Incident incident = runtime.createIncidentQuery().processInstanceId(delivery).singleResult();
      assertThat(incident.getActivityId()).isEqualTo("Task_SendMail");
      assertThat(incident.getIncidentMessage()).startsWith("'%s' mail for account %s to %s not sent: ".formatted(
          variable(delivery, "mailKind"), variable(delivery, "accountId"), variable(delivery, "mailTo")));
    }
    assertThat(schedule.untilLastAttempt()).as("documented: an incident 5.5 minutes after a mail's first attempt")
        .isEqualTo(Duration.ofSeconds(330));

    // The log of the outage: one WARN line per failed attempt, naming the mail, account and recipients, and not
    // one line of a stack trace (the engine's own logging of these failures is quiet).
    String outage = log.getOut().substring(logBefore);
    assertThat(outage.lines().filter(line -> line.matches("\\s+at .*|Caused by: .*|\\s*\\.\\.\\. \\d+ more")))
        .as("stack trace lines in the log of the outage").isEmpty();
    attempts.forEach((delivery, tries) -> {
      List<String> warnings = outage.lines().filter(line -> line.contains(" WARN ")
          && line.contains("(delivery " + delivery + ";")).toList();
      assertThat(warnings).as("WARN lines of delivery %s", delivery)
          .hasSize((int) tries.stream().filter(DueJobs.Attempt::failed).count())
          .allSatisfy(line -> assertThat(line).contains("'" + variable(delivery, "mailKind") + "' mail",
              "account " + variable(delivery, "accountId"), "to " + variable(delivery, "mailTo"), "not sent"));
    });
    // Queued six minutes in: the last retry (28.5 min) came after the server was back: sent, no incident.
    for (String delivery : queuedByStaff) {
      assertThat(attempts.get(delivery).get(schedule.attempts() - 1).failed()).isFalse();
      assertThat(incidentsAt).doesNotContainKey(delivery);
    }
    assertThat(received().keySet()).containsExactlyInAnyOrderElementsOf(messageIds(queuedByStaff));

    assertThat(mailHealth()).isEqualTo("200 UP");

    // The operator (the CS Lead) retries each incident in Cockpit; the job executor sends the mails at its next pass.
    Cockpit cockpit = new Cockpit(port);
    for (String delivery : queuedAtStart) {
      cockpit.retry(runtime.createIncidentQuery().processInstanceId(delivery).singleResult().getConfiguration());
    }
    Instant later = start.plus(WATCHED).plus(STEP);
    ClockUtil.setCurrentTime(Date.from(later));
    List<DueJobs.Attempt> retried = jobs.run(this::activeInstances);
    assertThat(retried).extracting(DueJobs.Attempt::processInstanceId).containsExactlyInAnyOrderElementsOf(queuedAtStart);
    assertThat(retried).noneMatch(DueJobs.Attempt::failed);

    // A day later nothing else is due or sent: every mail of the drill arrived exactly once.
    ClockUtil.setCurrentTime(Date.from(later.plus(Duration.ofDays(1))));
    assertThat(jobs.run(this::activeInstances)).isEmpty();
    List<HistoricProcessInstance> all = deliveries(start);
    assertThat(all).hasSize(22).allMatch(d -> d.getEndTime() != null, "delivered");
    assertThat(attempts.keySet()).allMatch(d -> runtime.createIncidentQuery().processInstanceId(d).count() == 0);
    Map<String, Integer> copies = received();
    assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(messageIds(attempts.keySet()));
    for (HistoricProcessInstance delivery : all) {
      int recipients = ((String) history.createHistoricVariableInstanceQuery().processInstanceId(delivery.getId())
          .variableName("mailTo").singleResult().getValue()).split(",").length;
      assertThat(copies.get(messageId(delivery.getId()))).as("copies of delivery %s", delivery.getId())
          .isEqualTo(recipients);
    }
    System.out.printf("Mail server drill: SMTP down %d min of engine time; %d mails queued at its start failed %d "
            + "attempts each and became incidents at +%s, %d queued at +%s arrived on their own at +%s; after "
            + "Cockpit's retry all %d arrived, %d copies, each Message-ID once per recipient%n",
        OUTAGE.toMinutes(), queuedAtStart.size(), schedule.attempts(), schedule.untilLastAttempt(),
        queuedByStaff.size(), STAFF_AT, STAFF_AT.plus(schedule.untilLastAttempt()), all.size(),
        copies.values().stream().mapToInt(Integer::intValue).sum());
  }

  private static boolean up(Duration into) {
    return into.compareTo(OUTAGE) >= 0;
  }

  private List<String> accounts(String kind, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String id = run + "-" + kind + i;
      accountService.save(new Account(id, "Drill " + id, "enterprise", RENEWAL, null, TEAM));
      ids.add(id);
    }
    return ids;
  }

  /** The internal review, the invitation and the value review done, naming the decision maker the survey goes to. */
  private void completeReviews(String account) {
    tasks.complete(task(account, "Task_InternalAccountReview").getId(), Map.of("valueDeliveredSoFar", "Goals met",
        "renewalApproach", "standard", "internalAgreement", true));
    tasks.complete(task(account, "Task_InviteToValueReview").getId(), Map.of("valueReviewInvitees", "Dana Decider",
        "invitedOn", "2027-02-20"));
    tasks.complete(task(account, "Task_ValueReview").getId(), Map.of("valueDelivered", "Faster onboarding",
        "nextObjectives", "Roll out to sales", "decisionMakerName", "Dana Decider",
        "decisionMakerEmail", "dana@" + account + ".test"));
  }

  /** The CSM completes her (overdue) review over the REST API, as Tasklist does. */
  private void completeInternalReviewInTasklist(String account) throws Exception {
    Task task = task(account, "Task_InternalAccountReview");
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/engine-rest/task/" + task.getId() + "/complete"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("csm-demo:demo".getBytes()))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"variables\": {\"valueDeliveredSoFar\": {\"value\": \"Late\"}, "
            + "\"renewalApproach\": {\"value\": \"standard\"}, \"internalAgreement\": {\"value\": true}}}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
  }

  /** The health endpoint's status code and its mail server component, as an operator sees them. */
  private String mailHealth() throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/actuator/health"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(Cockpit.ADMIN.getBytes()))
        .build(), HttpResponse.BodyHandlers.ofString());
    return answer.statusCode() + " " + new ObjectMapper().readTree(answer.body()).path("components").path("mail")
        .path("status").asText();
  }

  private String variable(String delivery, String name) {
    return (String) history.createHistoricVariableInstanceQuery().processInstanceId(delivery).variableName(name)
        .singleResult().getValue();
  }

  private Task task(String account, String key) {
    return tasks.createTaskQuery().processInstanceBusinessKey(account).taskDefinitionKey(key).singleResult();
  }

  /** Running instances of the drill's accounts: renewal preparations and mail deliveries (business key = account). */
  private Set<String> activeInstances() {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(run + "-%").list().stream()
        .map(ProcessInstance::getId).collect(Collectors.toSet());
  }

  private boolean isDelivery(String processInstanceId) {
    return history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
        .processDefinitionKey(MailOutbox.PROCESS_KEY).count() == 1;
  }

  private List<HistoricProcessInstance> deliveries(Instant since) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(MailOutbox.PROCESS_KEY)
        .processInstanceBusinessKeyLike(run + "-%").startedAfter(Date.from(since.minusMillis(1))).list();
  }

  private static List<String> queuedBetween(Map<String, List<DueJobs.Attempt>> attempts, Instant from, Instant to) {
    return attempts.entrySet().stream()
        .filter(e -> !e.getValue().get(0).at().toInstant().isBefore(from) && e.getValue().get(0).at().toInstant().isBefore(to))
        .map(Map.Entry::getKey).toList();
  }

  private Map<String, Long> kinds(List<String> deliveries) {
    return deliveries.stream().collect(Collectors.groupingBy(d -> (String) history.createHistoricVariableInstanceQuery()
        .processInstanceId(d).variableName("mailKind").singleResult().getValue(), Collectors.counting()));
  }

  /** Copies GreenMail received since it restarted, by Message-ID (GreenMail keeps one copy per recipient). */
  private static Map<String, Integer> received() throws Exception {
    Map<String, Integer> copies = new HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      copies.merge(message.getMessageID(), 1, Integer::sum);
    }
    return copies;
  }

  private static Set<String> messageIds(java.util.Collection<String> deliveries) {
    return deliveries.stream().map(MailServerDownDrillTest::messageId).collect(Collectors.toSet());
  }

  /** SendMail's Message-ID: one per delivery, the same on a resend. */
  private static String messageId(String delivery) {
    return "<" + delivery + "@baton>";
  }

  private static Set<String> union(List<String> a, List<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
