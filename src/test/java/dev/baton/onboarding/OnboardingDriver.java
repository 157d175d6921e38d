package dev.baton.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.baton.account.Account;
import dev.baton.account.AccountRepository;
import dev.baton.handoff.HandoffCompleted;
import dev.baton.mail.MailOutbox;
import dev.baton.support.Jobs;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives an onboarding as the people and the customer would: the handoff completes (HandoffCompleted in a
 * transaction, as the handoff's last step publishes it), tasks are completed with what their forms submit
 * (the success plan's lists as Json variables, as Tasklist sends them), mails are delivered to GreenMail
 * and the customer's links are clicked over HTTP.
 */
final class OnboardingDriver {

  /** The whole team in place, so every role's mail goes to exactly one demo user ({@code <role>-demo@example.com}). */
  static final Map<String, String> TEAM = Map.of("csm", "csm-demo", "cs-lead", "cs-lead-demo",
      "onboarding-rep", "onboarding-rep-demo", "onboarding-manager", "onboarding-manager-demo",
      "sales-rep", "sales-rep-demo", "account-manager", "account-manager-demo");
  static final String CUSTOMER = "kim.key@customer.example";
  /** A link line of the plain-text success plan mail: the choice's words, then its link. */
  static final Pattern LINK = Pattern.compile(
      "(Yes, confirm the success plan|No, request changes)[^:\\n]*: (http://baton\\.test/customer/questions/[A-Za-z0-9_-]+)");

  private final AccountRepository accounts;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final org.camunda.bpm.engine.IdentityService identity;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final GreenMailExtension smtp;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  OnboardingDriver(AccountRepository accounts, RuntimeService runtime, TaskService tasks, ManagementService management,
      org.camunda.bpm.engine.IdentityService identity, ApplicationEventPublisher events, TransactionTemplate transaction, GreenMailExtension smtp, int port) {
    this.accounts = accounts;
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
    this.identity = identity;
    this.events = events;
    this.transaction = transaction;
    this.smtp = smtp;
    this.port = port;
  }

  String newAccount(String prefix, String segment) {
    String id = "onb-" + prefix + "-" + UUID.randomUUID();
    accounts.save(new Account(id, "Customer " + id.substring(0, 20), segment, LocalDate.of(2027, 11, 30), null, TEAM));
    return id;
  }

  /** What the handoff hands over (names of docs/handoff.md). */
  static Map<String, Object> handoff(String accountId, String segment, LocalDate closeDate) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("accountId", accountId);
    variables.put("accountName", "Acme " + accountId.substring(accountId.length() - 6));
    variables.put("segment", segment);
    variables.put("crm", "hubspot");
    variables.put("dealId", "deal-" + accountId.substring(accountId.length() - 6));
    variables.put("closeDate", closeDate.toString());
    variables.put("renewalDate", closeDate.plusYears(1).toString());
    variables.put("contractStart", closeDate.plusDays(1).toString());
    variables.put("contractEnd", closeDate.plusYears(1).toString());
    variables.put("amount", 48000);
    variables.put("currency", "EUR");
    variables.put("customerContactName", "Kim Key");
    variables.put("customerContactEmail", CUSTOMER);
    variables.put("csm", "csm-demo");
    variables.put("salesRep", "sales-rep-demo");
    variables.put("goals", "Cut onboarding time of new hires from 10 to 5 days");
    variables.put("proposedSolution", "Professional plan, HR module");
    variables.put("milestones", "Pilot team live by January");
    variables.put("promises", "Data import from the old HR tool included");
    variables.put("stakeholders", "Champion: Kim Key; decision maker: Dana Boss");
    variables.put("deploymentTimeline", "Pilot in 4 weeks, all teams in 3 months");
    return variables;
  }

  /** The handoff's last step: publishes HandoffCompleted in its transaction. */
  void handOver(String accountId, Map<String, Object> variables) {
    transaction.executeWithoutResult(status ->
        events.publishEvent(HandoffCompleted.of(accountId, "handoff-" + UUID.randomUUID(), variables)));
  }

  ProcessInstance onboarding(String accountId) {
    List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionKey(OnboardingStarter.PROCESS_KEY)
        .processInstanceBusinessKey(accountId).list();
    assertThat(running).hasSize(1);
    return running.get(0);
  }

  ProcessInstance start(String accountId, String segment, LocalDate closeDate) {
    handOver(accountId, handoff(accountId, segment, closeDate));
    return onboarding(accountId);
  }

  Task task(ProcessInstance instance, String taskKey) {
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("open task " + taskKey).isNotNull();
    return task;
  }

  /**
   * Completes the task as its assignee would in Tasklist: signed in, with the authorizations of their
   * groups, so whatever the completion triggers must work without admin rights.
   */
  void complete(ProcessInstance instance, String taskKey, Map<String, Object> variables) {
    Task task = task(instance, taskKey);
    String user = task.getAssignee();
    assertThat(user).as("assignee of " + taskKey).isNotNull();
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
    identity.setAuthentication(user, groups);
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Steps 1 to 3: schedule, prepare and hold the kickoff with a complete success plan. */
  void throughKickoff(ProcessInstance instance) {
    complete(instance, "Task_ScheduleKickoff", Map.of("kickoffDate", "2026-12-03", "kickoffTime", "10:00, video call",
        "kickoffAttendees", "Kim Key, Dana Boss; CSM, Onboarding Rep", "kickoffInvitationSent", true));
    complete(instance, "Task_PrepareKickoff", Map.of("kickoffAgenda", "1. Introductions\n2. Goals",
        "deliverySchedule", "2026-12-07 accounts opened; 2026-12-10 data imported", "internalBriefingDone", true));
    complete(instance, "Task_HoldKickoff", successPlan("10 days"));
  }

  /** What the success plan form submits: its two dynamic lists as Json, the key person. */
  static VariableMap successPlan(String baseline) {
    return Variables.createVariables()
        .putValue("kickoffHeldOn", "2026-12-03")
        .putValue("salesSignedOff", true)
        .putValue("planObjectives", SpinValues.jsonValue("""
            [{"objective":"Onboard new hires faster","measure":"quantitative","baseline":"%s","target":"5 days",
              "owner":"Kim Key","targetDate":"2027-03-31"},
             {"objective":"HR team trusts the data","measure":"qualitative","baseline":"Spreadsheets double-checked",
              "target":"No double-checking","successCriteria":"HR lead says so at the QBR","owner":"Dana Boss"}]"""
            .formatted(baseline)).create())
        .putValue("planMilestones", SpinValues.jsonValue("""
            [{"milestone":"Pilot team live","date":"2027-01-15","owner":"CSM"},
             {"milestone":"All teams live","date":"2027-03-01","owner":"Kim Key"}]""").create())
        .putValue("successPlanApproverName", "Kim Key")
        .putValue("successPlanApproverEmail", CUSTOMER);
  }

  /** Sends the mails queued for the account (their MailDelivery jobs) and returns what GreenMail received. */
  List<MimeMessage> deliverMails(String accountId) {
    String[] deliveries = runtime.createProcessInstanceQuery().processDefinitionKey(MailOutbox.PROCESS_KEY)
        .processInstanceBusinessKey(accountId).list().stream().map(ProcessInstance::getId).toArray(String[]::new);
    Jobs.executeAll(management, deliveries);
    return Arrays.asList(smtp.getReceivedMessages());
  }

  /** The mails GreenMail received for that address with this subject part. */
  List<MimeMessage> mailsTo(String accountId, String address, String subjectPart) {
    return deliverMails(accountId).stream().filter(m -> to(m).contains(address))
        .filter(m -> subject(m).contains(subjectPart)).toList();
  }

  /** The customer's links (confirm first, then request changes) in the last success plan mail. */
  Map<String, String> customerLinks(String accountId) {
    List<MimeMessage> mails = mailsTo(accountId, CUSTOMER, "Please confirm your success plan");
    assertThat(mails).as("success plan mail to the customer").isNotEmpty();
    String body = GreenMailUtil.getBody(mails.get(mails.size() - 1)).replace("=\r\n", "").replace("=3D", "=");
    Matcher matcher = LINK.matcher(body);
    Map<String, String> links = new HashMap<>();
    while (matcher.find()) {
      links.put(matcher.group(1).startsWith("Yes") ? "confirm" : "request-changes", matcher.group(2));
    }
    assertThat(links).containsOnlyKeys("confirm", "request-changes");
    return links;
  }

  /** Opens the link as a browser (or a mail scanner) would: shows the question, answers nothing. */
  HttpResponse<String> open(String link) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(link.replace("http://baton.test", "http://localhost:" + port)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> click(String link, String comment) throws Exception {
    String form = comment == null ? "" : "comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(URI.create(link.replace("http://baton.test", "http://localhost:" + port)))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The customer's answer as the link mechanism correlates it. */
  void answer(ProcessInstance instance, String answer, String comment) {
    runtime.createMessageCorrelation(SuccessPlanConfirmation.MESSAGE).processInstanceId(instance.getId())
        .setVariable("customerAnswer", answer).setVariable("customerComment", comment)
        .setVariable("customerAnsweredAt", new java.util.Date()).correlateWithResult();
  }

  /** The success plan as stored in the onboarding table. */
  String onboardingPlan(org.springframework.jdbc.core.simple.JdbcClient jdbc, ProcessInstance instance) {
    return jdbc.sql("select success_plan from baton_onboarding where process_instance_id = ?").param(instance.getId())
        .query(String.class).single();
  }

  /** Runs the instance's due jobs (the provisioning call, timers). */
  void runJobs(ProcessInstance instance) {
    Jobs.executeAll(management, instance.getId());
  }

  static String to(MimeMessage message) {
    try {
      return Arrays.toString(message.getRecipients(Message.RecipientType.TO));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
