package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.baton.account.Account;
import dev.baton.account.AccountRepository;
import dev.baton.crm.DealWon;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * SalesToCsHandoff.bpmn started by the generic CRM event (the deal JSON has the data, no CRM call):
 * the account and team before the first task, the checklist loop, the knowledge transfer, the welcome
 * mail, HandoffCompleted and the overall SLA timer (docs/domain.md#sales-to-cs-transition).
 */
@BatonIntegrationTest
class HandoffGenericCrmTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  /** Friday 2026-11-20, 10:00 on the server's clock: the deal closed this morning. */
  static final LocalDateTime CLOSED = LocalDateTime.parse("2026-11-20T10:00:00");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired AccountRepository accounts;
  @Autowired ObjectMapper json;
  @Autowired HandoffStarter starter;
  @Autowired ConfigurableApplicationContext context;
  final List<HandoffCompleted> completed = java.util.Collections.synchronizedList(new ArrayList<>());
  final ApplicationListener<PayloadApplicationEvent<HandoffCompleted>> listener =
      ApplicationListener.forPayload(completed::add);
  HandoffFixture handoffs;
  String salesRep;
  String csm;
  String lead;
  String accountId;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    context.addApplicationListener(listener);
    ClockUtil.setCurrentTime(at(CLOSED));
    handoffs = new HandoffFixture(runtime, tasks, management, identity, accounts, json, starter);
    salesRep = handoffs.user("rep", "sales-rep");
    csm = handoffs.user("csm", "csm");
    lead = handoffs.user("lead", "cs-lead");
    accountId = "acme-" + UUID.randomUUID();
    // The CS Lead of this account is known beforehand, so the SLA mail has one recipient.
    accounts.save(new Account(accountId, "Acme", null, null, null, Map.of("cs-lead", lead)));
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    context.removeApplicationListener(listener);
  }

  DealWon deal(BigDecimal amount, String csmEmail) {
    return new DealWon("salesforce", "opp-" + UUID.randomUUID(), accountId, "Acme Corp", amount, "EUR",
        LocalDate.parse("2026-11-20"), LocalDate.parse("2026-12-01"), LocalDate.parse("2027-11-30"),
        LocalDate.parse("2027-12-01"), HandoffFixture.email(salesRep), csmEmail,
        List.of(new DealWon.Contact("Ann Buyer", "ann-" + accountId + "@customer.test", "champion"),
            new DealWon.Contact("Carl Cfo", "carl-" + accountId + "@customer.test", "decision maker")));
  }

  @Test
  void theDealEventIsReadWithoutCallingTheCrmAndTheTeamIsRecordedBeforeTheChecklist() throws Exception {
    ProcessInstance instance = handoffs.start(deal(new BigDecimal("12000"), HandoffFixture.email(csm)));
    // The webhook's transaction only inserted the instance: enrichment is a job.
    assertThat(instance).isWaitingAt("StartEvent_DealWon");
    assertThat(runtime.getVariable(instance.getId(), "accountId")).isNull();

    handoffs.runJobs(instance.getId());

    assertThat(instance).hasNotPassed("Task_FetchDeal").hasPassed("Task_ReadDeal", "Task_Segment", "Task_AssignCsm")
        .isWaitingAt("Task_CompleteChecklist");
    Map<String, Object> v = runtime.getVariables(instance.getId());
    assertThat(v).containsEntry("accountId", accountId).containsEntry("accountName", "Acme Corp")
        .containsEntry("amount", 12000.0).containsEntry("currency", "EUR").containsEntry("annualContractValue", 12000.0)
        .containsEntry("closeDate", "2026-11-20").containsEntry("contractStart", "2026-12-01")
        .containsEntry("contractEnd", "2027-11-30").containsEntry("renewalDate", "2027-12-01")
        .containsEntry("customerContactName", "Ann Buyer")
        .containsEntry("customerContactEmail", "ann-" + accountId + "@customer.test")
        .containsEntry("salesRepEmail", HandoffFixture.email(salesRep)).containsEntry("salesRepUserId", salesRep)
        .containsEntry("segment", "SMB").containsEntry("handoffSlaDays", 1).containsEntry("csmGroup", "csm-smb")
        .containsEntry("csmUserId", csm).containsEntry("csmChosenBy", "crm")
        .containsEntry("csmEmail", HandoffFixture.email(csm));
    assertThat(v.get("contacts").toString()).contains("Carl Cfo", "decision maker");
    assertThat(v).doesNotContainKey("segmentation");

    Account account = accounts.find(accountId).orElseThrow();
    assertThat(account.team()).containsEntry("csm", csm).containsEntry("sales-rep", salesRep).containsEntry("cs-lead", lead);
    assertThat(account.segment()).isEqualTo("SMB");
    assertThat(account.renewalDate()).isEqualTo(LocalDate.parse("2027-12-01"));

    Task checklist = handoffs.task(instance.getId());
    assertThat(checklist.getAssignee()).isEqualTo(salesRep);
    // Due after a third of the SLA's working time: Friday 10:00 to Monday 18:00 is 17 hours -> Friday 15:40.
    assertThat(checklist.getDueDate()).isEqualTo(at(LocalDateTime.parse("2026-11-20T15:40:00")));
    // The checklist proposes the end of the SLA as the day Customer Success takes over.
    assertThat(v).containsEntry("transitionDate", "2026-11-23");
  }

  @Test
  void acceptedChecklistLeadsToKnowledgeTransferThenWelcomeMailAndHandoffCompleted() throws Exception {
    ProcessInstance instance = handoffs.start(deal(new BigDecimal("12000"), HandoffFixture.email(csm)));
    handoffs.runJobs(instance.getId());

    complete(instance, "Task_CompleteChecklist", HandoffFixture.checklist());
    Task review = handoffs.task(instance.getId());
    assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewChecklist");
    assertThat(review.getAssignee()).isEqualTo(csm);
    complete(instance, "Task_ReviewChecklist", Map.of("checklistReview", "accepted"));
    Task meeting = handoffs.task(instance.getId());
    assertThat(meeting.getTaskDefinitionKey()).isEqualTo("Task_KnowledgeTransfer");
    assertThat(meeting.getAssignee()).isEqualTo(salesRep);
    // No customer contact before the internal knowledge transfer (docs/domain.md#do-this-not-that).
    handoffs.sendMails(accountId);
    assertThat(HandoffFixture.recipients(smtp.getReceivedMessages(), "Welcome")).isEmpty();

    complete(instance, "Task_KnowledgeTransfer", Map.of("knowledgeTransferDate", "2026-11-23",
        "knowledgeTransferAttendees", "Sam, Jane", "knowledgeTransferNotes", "Procurement is slow; CFO cares about ROI",
        "kickoffDate", "2026-11-30"));

    // The sales rep's Complete commits their work and the welcome; the hand-over to onboarding is its own job.
    assertThat(instance).isWaitingAt("EndEvent_HandedOver");
    assertThat(completed.stream().filter(e -> accountId.equals(e.accountId()))).isEmpty();
    handoffs.runJobs(instance.getId());
    assertThat(instance).isEnded().hasPassedInOrder("Task_CompleteChecklist", "Task_ReviewChecklist",
        "Task_KnowledgeTransfer", "Task_WelcomeCustomer", "EndEvent_HandedOver");
    handoffs.sendMails(accountId);
    String contact = "ann-" + accountId + "@customer.test";
    assertThat(HandoffFixture.recipients(smtp.getReceivedMessages(), "Welcome, Acme Corp")).containsExactly(contact);
    MimeMessage welcome = Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> HandoffFixture.recipients(new MimeMessage[] {m}, "Welcome").contains(contact)).findFirst().orElseThrow();
    assertThat(GreenMailUtil.getWholeMessage(welcome)).contains("Ann Buyer", "Test csm", HandoffFixture.email(csm),
        "Test lead", HandoffFixture.email(lead), "November 30, 2026", "thank you for choosing Baton Test Co",
        "The Customer Success team of Baton Test Co");
    // Customers read people's names, never their logins; their replies go to the company's address.
    assertThat(GreenMailUtil.getWholeMessage(welcome)).doesNotContain("(" + csm + ")");
    assertThat(welcome.getReplyTo()).extracting(Object::toString).containsExactly("success@baton.test");

    // The Sales Rep corrected the renewal date in the checklist: the account follows.
    assertThat(accounts.find(accountId).orElseThrow().renewalDate()).isEqualTo(LocalDate.parse("2027-11-30"));
    HandoffCompleted event = completed.stream().filter(e -> accountId.equals(e.accountId())).findFirst().orElseThrow();
    assertThat(event.handoffProcessInstanceId()).isEqualTo(instance.getId());
    assertThat(event.checklist().useCase()).isEqualTo("Onboard 40 field engineers");
    assertThat(event.checklist().stakeholders()).contains("Champions: Ann Buyer");
    assertThat(event.checklist().knowledgeTransferNotes()).isEqualTo("Procurement is slow; CFO cares about ROI");
    assertThat(event.deal().segment()).isEqualTo("SMB");
    assertThat(event.deal().csmUserId()).isEqualTo(csm);
    assertThat(event.deal().renewalDate()).isEqualTo(LocalDate.parse("2027-11-30"));
    // The SLA timer ended with the handoff: nothing left to fire.
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void theCsmSendsTheChecklistBackWithWhatIsMissingAndTheSalesRepCompletesIt() throws Exception {
    ProcessInstance instance = handoffs.start(deal(new BigDecimal("12000"), HandoffFixture.email(csm)));
    handoffs.runJobs(instance.getId());
    complete(instance, "Task_CompleteChecklist", HandoffFixture.checklist());

    complete(instance, "Task_ReviewChecklist", Map.of("checklistReview", "sent-back",
        "missingItems", "The SOW is missing; who are the power users?"));

    assertThat(instance).isWaitingAt("Task_CompleteChecklist");
    Task again = handoffs.task(instance.getId());
    assertThat(again.getAssignee()).isEqualTo(salesRep);
    // The form shows the reasons (field missingItems) above the checklist, pre-filled with the first answers.
    assertThat(tasks.getVariables(again.getId())).containsEntry("missingItems", "The SOW is missing; who are the power users?")
        .containsEntry("useCase", "Onboard 40 field engineers");

    complete(instance, "Task_CompleteChecklist", Map.of("sowSummary", "SOW-17: SSO setup", "powerUsers", "Dora, Eli"));
    Task review = handoffs.task(instance.getId());
    assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewChecklist");
    // The decision of the first review is not pre-selected in the second one.
    assertThat(tasks.getVariables(review.getId())).doesNotContainKey("checklistReview");
    complete(instance, "Task_ReviewChecklist", Map.of("checklistReview", "accepted"));

    assertThat(instance).isWaitingAt("Task_KnowledgeTransfer");
    assertThat(BpmnAwareTests.historyService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId("Task_CompleteChecklist").count()).isEqualTo(2);
  }

  @Test
  void theChecklistReviewAndKnowledgeTransferAreDueByAThirdTwoThirdsAndTheEndOfTheSla() throws Exception {
    ProcessInstance instance = handoffs.start(deal(new BigDecimal("12000"), HandoffFixture.email(csm)));
    handoffs.runJobs(instance.getId());
    assertThat(handoffs.task(instance.getId()).getDueDate()).isEqualTo(at(LocalDateTime.parse("2026-11-20T15:40:00")));

    ClockUtil.setCurrentTime(at(LocalDateTime.parse("2026-11-20T11:00:00")));
    complete(instance, "Task_CompleteChecklist", HandoffFixture.checklist());
    Task review = handoffs.task(instance.getId());
    assertThat(review.getDueDate()).isEqualTo(at(LocalDateTime.parse("2026-11-23T12:20:00")));
    // RACI's reminder timer is set to the same moment.
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId("Task_ReviewChecklist").singleResult().getDuedate()).isEqualTo(review.getDueDate());

    ClockUtil.setCurrentTime(at(LocalDateTime.parse("2026-11-20T14:00:00")));
    complete(instance, "Task_ReviewChecklist", Map.of("checklistReview", "accepted"));
    assertThat(handoffs.task(instance.getId()).getDueDate()).isEqualTo(slaTimer(instance).getDuedate())
        .isEqualTo(at(LocalDateTime.parse("2026-11-23T18:00:00")));
  }

  @Test
  void aChecklistSentBackIsDueWithinWhatRemainsOfTheSlaAndAtOnceOnceItHasPassed() throws Exception {
    ProcessInstance instance = handoffs.start(deal(new BigDecimal("12000"), HandoffFixture.email(csm)));
    handoffs.runJobs(instance.getId());
    complete(instance, "Task_CompleteChecklist", HandoffFixture.checklist());

    // Sent back on Monday 13:00: five working hours remain until 18:00; the checklist gets a third of them.
    ClockUtil.setCurrentTime(at(LocalDateTime.parse("2026-11-23T13:00:00")));
    complete(instance, "Task_ReviewChecklist", Map.of("checklistReview", "sent-back", "missingItems", "The SOW"));
    assertThat(handoffs.task(instance.getId()).getDueDate()).isEqualTo(at(LocalDateTime.parse("2026-11-23T14:40:00")));

    // Completed at 14:00: the second review gets half of the four hours left.
    ClockUtil.setCurrentTime(at(LocalDateTime.parse("2026-11-23T14:00:00")));
    complete(instance, "Task_CompleteChecklist", Map.of("sowSummary", "SOW-17"));
    assertThat(handoffs.task(instance.getId()).getDueDate()).isEqualTo(at(LocalDateTime.parse("2026-11-23T16:00:00")));

    // Sent back again after the deadline: due at once, so RACI's reminder and escalation run now.
    Date late = at(LocalDateTime.parse("2026-11-23T19:00:00"));
    ClockUtil.setCurrentTime(late);
    complete(instance, "Task_ReviewChecklist", Map.of("checklistReview", "sent-back", "missingItems", "Power users"));
    assertThat(handoffs.task(instance.getId()).getDueDate()).isEqualTo(late);
    assertThat(raciTimer(instance).getDuedate()).isEqualTo(late);
  }

  @Test
  void missingTheSlaTellsTheCsLeadWhatIsOpenAndTheHandoffGoesOn() throws Exception {
    ProcessInstance instance = handoffs.start(deal(new BigDecimal("12000"), HandoffFixture.email(csm)));
    handoffs.runJobs(instance.getId());
    // SMB: 1 business day from Friday's close, until 18:00 -> Monday 18:00. A timer job (visible in Cockpit).
    Date deadline = at(LocalDateTime.parse("2026-11-23T18:00:00"));
    Job sla = slaTimer(instance);
    assertThat(sla.getDuedate()).isEqualTo(deadline);
    assertThat(runtime.getVariable(instance.getId(), "handoffDeadline")).isEqualTo(deadline);

    ClockUtil.setCurrentTime(new Date(deadline.getTime() - 60_000));
    management.executeJob(raciTimer(instance).getId());
    assertThat(slaTimer(instance)).isNotNull();
    handoffs.sendMails(accountId);
    assertThat(HandoffFixture.recipients(smtp.getReceivedMessages(), "Handoff SLA missed")).isEmpty();

    ClockUtil.setCurrentTime(new Date(deadline.getTime() + 60_000));
    handoffs.runJobs(instance.getId());

    assertThat(instance).hasPassed("Event_SlaBreached", "Task_NotifySlaBreach", "EndEvent_CsLeadNotified")
        .isWaitingAt("Task_CompleteChecklist");
    assertThat(runtime.getVariable(instance.getId(), "handoffSlaBreached")).isEqualTo(true);
    handoffs.sendMails(accountId);
    assertThat(HandoffFixture.recipients(smtp.getReceivedMessages(), "Handoff SLA missed: Acme Corp"))
        .containsExactly(HandoffFixture.email(lead));
    MimeMessage mail = Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> HandoffFixture.recipients(new MimeMessage[] {m}, "Handoff SLA missed").size() > 0)
        .findFirst().orElseThrow();
    assertThat(GreenMailUtil.getWholeMessage(mail)).contains("Complete the handoff checklist", "Test rep", "SMB");
    // The handoff itself goes on.
    complete(instance, "Task_CompleteChecklist", HandoffFixture.checklist());
    assertThat(instance).isWaitingAt("Task_ReviewChecklist");
  }

  @Test
  void anEnterpriseDealGetsThreeBusinessDays() throws Exception {
    ProcessInstance instance = handoffs.start(deal(new BigDecimal("250000"), HandoffFixture.email(csm)));
    handoffs.runJobs(instance.getId());

    assertThat(runtime.getVariable(instance.getId(), "segment")).isEqualTo("Enterprise");
    assertThat(runtime.getVariable(instance.getId(), "handoffSlaDays")).isEqualTo(3);
    assertThat(slaTimer(instance).getDuedate()).isEqualTo(at(LocalDateTime.parse("2026-11-25T18:00:00")));
  }

  @Test
  void withoutACrmNamedCsmTheLeastLoadedMemberOfTheCsmGroupIsAssigned() throws Exception {
    ProcessInstance instance = handoffs.start(deal(new BigDecimal("12000"), null));
    handoffs.runJobs(instance.getId());

    String chosen = (String) runtime.getVariable(instance.getId(), "csmUserId");
    assertThat(runtime.getVariable(instance.getId(), "csmChosenBy")).isEqualTo("least-loaded");
    assertThat(identity.createUserQuery().memberOfGroup("csm").userId(chosen).count()).isEqualTo(1);
    assertThat(accounts.find(accountId).orElseThrow().team()).containsEntry("csm", chosen);
  }

  @Test
  void anIncompleteChecklistOrASendBackWithoutReasonIsRefusedNamingTheFields() throws Exception {
    ProcessInstance instance = handoffs.start(deal(new BigDecimal("12000"), HandoffFixture.email(csm)));
    handoffs.runJobs(instance.getId());
    Map<String, Object> values = new java.util.HashMap<>(HandoffFixture.checklist());
    values.remove("roiAnalysis");
    values.remove("salesKickoffSignOff");
    values.put("contractEnd", "30.11.2027");
    String checklist = handoffs.task(instance.getId()).getId();

    assertThatThrownBy(() -> tasks.complete(checklist, values))
        .hasMessageContaining("roiAnalysis: is required").hasMessageContaining("salesKickoffSignOff: is required")
        .hasMessageContaining("contractEnd: '30.11.2027' is not a date");
    assertThat(instance).isWaitingAt("Task_CompleteChecklist");

    complete(instance, "Task_CompleteChecklist", HandoffFixture.checklist());
    String review = handoffs.task(instance.getId()).getId();
    assertThatThrownBy(() -> tasks.complete(review, Map.of("checklistReview", "sent-back")))
        .hasMessageContaining("missingItems");
    assertThat(instance).isWaitingAt("Task_ReviewChecklist");
  }

  private void complete(ProcessInstance instance, String taskKey, Map<String, Object> values) {
    Task task = handoffs.task(instance.getId());
    assertThat(task.getTaskDefinitionKey()).isEqualTo(taskKey);
    tasks.complete(task.getId(), values);
  }

  private Job slaTimer(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).timers().activityId("Event_SlaBreached")
        .singleResult();
  }

  private Job raciTimer(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId("Task_CompleteChecklist").singleResult();
  }

  static Date at(LocalDateTime local) {
    return Date.from(local.atZone(ZoneId.of("UTC")).toInstant());
  }
}
