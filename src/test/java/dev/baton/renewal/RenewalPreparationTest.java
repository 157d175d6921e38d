package dev.baton.renewal;

import static dev.baton.renewal.RenewalTestSupport.NOW;
import static dev.baton.renewal.RenewalTestSupport.due;
import static dev.baton.renewal.RenewalTestSupport.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.account.AccountChurned;
import dev.baton.account.AccountRepository;
import dev.baton.account.AccountService;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Jobs;
import dev.baton.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
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
 * RenewalPreparation.bpmn with the clock moved: the steps' timers and due dates from the renewal date and
 * its offsets (docs/domain.md#renewals), who is responsible, the RACI escalation of the steps due by the
 * procedure's days, rescheduling when the date moves, and both outcomes.
 */
@BatonIntegrationTest
class RenewalPreparationTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @Autowired ProcessEngine engine;
  @Autowired AccountService accountService;
  @Autowired AccountRepository accounts;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired ConfigurableApplicationContext context;
  @Autowired RenewalProperties properties;
  @Autowired dev.baton.successplan.SuccessPlanVersions plans;
  @Autowired com.fasterxml.jackson.databind.ObjectMapper json;
  RenewalTestSupport renewals;
  final List<AccountChurned> churned = Collections.synchronizedList(new ArrayList<>());
  final ApplicationListener<PayloadApplicationEvent<AccountChurned>> churnListener = ApplicationListener.forPayload(churned::add);

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    renewals = new RenewalTestSupport(accountService, runtime, tasks, management);
    context.addApplicationListener(churnListener);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    context.removeApplicationListener(churnListener);
  }

  @Test
  void eachStepStartsOrIsDueOnTheRenewalDateMinusItsOffset() {
    assertThat(properties.offsets()).containsOnlyKeys("review", "outreach", "survey", "survey-again", "contract",
        "signing");
    LocalDate renewal = today().plusDays(200);
    String account = renewals.save(RenewalTestSupport.newAccountId("timers"), renewal);
    ProcessInstance instance = renewals.instance(account);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_ReviewDue");
    assertThat(job("Event_ReviewDue", instance).getDuedate()).isEqualTo(due(renewal, 135));

    ClockUtil.setCurrentTime(due(renewal, 135));
    execute(job("Event_ReviewDue", instance));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_InternalAccountReview");
    renewals.complete(instance, "Task_InternalAccountReview", Map.of("valueDeliveredSoFar", "Goals met",
        "renewalApproach", "standard", "internalAgreement", true));
    // The customer hears from us by day 120: the invitation to the value review is due then.
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_InviteToValueReview");
    assertThat(renewals.task(instance, "Task_InviteToValueReview").getDueDate()).isEqualTo(due(renewal, 120));
    renewals.invite(instance);
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ValueReview");
    renewals.complete(instance, "Task_ValueReview", Map.of("valueDelivered", "30% faster onboarding",
        "nextObjectives", "Roll out to sales", "decisionMakerName", "Dana Decider",
        "decisionMakerEmail", "dana@customer.test"));

    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_SurveyDue");
    assertThat(job("Event_SurveyDue", instance).getDuedate()).isEqualTo(due(renewal, 90));

    ClockUtil.setCurrentTime(due(renewal, 90));
    execute(job("Event_SurveyDue", instance));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_AwaitAnswer");
    assertThat(job("Event_NoAnswer", instance).getDuedate())
        .isEqualTo(Date.from(due(renewal, 90).toInstant().plus(Duration.ofDays(10))));

    runtime.createMessageCorrelation(RenewalSurvey.ANSWERED_MESSAGE).processInstanceId(instance.getId())
        .setVariable("customerAnswer", "likely").correlateWithResult();
    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_ContractDue");
    assertThat(job("Event_ContractDue", instance).getDuedate()).isEqualTo(due(renewal, 60));

    ClockUtil.setCurrentTime(due(renewal, 60));
    execute(job("Event_ContractDue", instance));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_PrepareContract");
    renewals.complete(instance, "Task_PrepareContract", Map.of("renewalSeats", 120L, "contractSentOn", today().toString()));
    // Signed a month before the renewal date: the decision is due then.
    assertThat(renewals.task(instance, "Task_RecordDecision").getDueDate()).isEqualTo(due(renewal, 30));
  }

  @Test
  void theValueReviewShowsTheCurrentVersionOfTheSuccessPlan() throws Exception {
    LocalDate renewal = today().plusDays(100);
    String account = renewals.save(RenewalTestSupport.newAccountId("plan"), renewal);
    plans.record(account, json.readTree("""
        {"objectives":[{"objective":"Onboard new hires faster","baseline":"10 days","target":"5 days","owner":"Kim",
          "status":"on-track","progress":"6 days"}],"milestones":[]}"""), "business-review", "csm-demo");
    ProcessInstance instance = renewals.instance(account);
    execute(job("Event_ReviewDue", instance));
    renewals.complete(instance, "Task_InternalAccountReview", Map.of("valueDeliveredSoFar", "Goals met",
        "renewalApproach", "standard", "internalAgreement", true));
    renewals.invite(instance);

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_ValueReview").variables().containsEntry("successPlanVersion", 1);
    assertThat((String) runtime.getVariable(instance.getId(), "successPlanSummary"))
        .contains("version 1", "Onboard new hires faster", "on-track: 6 days");
  }

  @Test
  void theCsmIsResponsibleForEveryRenewalTaskAndTheAccountManagerIsConsulted() throws Exception {
    LocalDate renewal = today().plusDays(40);
    String account = renewals.save(RenewalTestSupport.newAccountId("owner"), renewal);
    ProcessInstance instance = renewals.instance(account);
    execute(job("Event_ReviewDue", instance));
    renewals.sendMails(account);

    for (String step : List.of("Task_InternalAccountReview", "Task_InviteToValueReview", "Task_ValueReview")) {
      assertThat(renewals.task(instance, step).getAssignee()).as(step).isEqualTo("csm-demo");
      // Sent while the step is open: a "your input is wanted" mail for a step already done is dropped.
      renewals.sendMails(account);
      if (step.equals("Task_InternalAccountReview")) {
        renewals.complete(instance, step, Map.of("valueDeliveredSoFar", "Goals met", "renewalApproach", "standard",
            "internalAgreement", true));
      } else if (step.equals("Task_InviteToValueReview")) {
        renewals.invite(instance);
      } else {
        renewals.complete(instance, step, Map.of("valueDelivered", "Faster onboarding", "nextObjectives", "More teams",
            "decisionMakerName", "Dana Decider", "decisionMakerEmail", "dana@customer.test"));
      }
    }
    execute(job("Event_SurveyDue", instance));
    runtime.createMessageCorrelation(RenewalSurvey.ANSWERED_MESSAGE).processInstanceId(instance.getId())
        .setVariable("customerAnswer", "likely").correlateWithResult();
    execute(job("Event_ContractDue", instance));
    assertThat(renewals.task(instance, "Task_PrepareContract").getAssignee()).isEqualTo("csm-demo");
    renewals.sendMails(account);
    renewals.complete(instance, "Task_PrepareContract", Map.of("renewalSeats", 120L, "contractSentOn", today().toString()));
    assertThat(renewals.task(instance, "Task_RecordDecision").getAssignee()).isEqualTo("csm-demo");

    // The Account Manager is asked for input on each of these steps (RACI's "your input is wanted" mail).
    renewals.sendMails(account);
    List<String> consulted = Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> header(m, "X-Baton-Mail-Kind").equals("raci-consulted"))
        .filter(m -> recipients(m).contains("account-manager-demo@example.com"))
        .map(RenewalPreparationTest::subject).toList();
    assertThat(consulted).anyMatch(t -> t.contains("Internal account review"))
        .anyMatch(t -> t.contains("Invite the customer to the value review"))
        .anyMatch(t -> t.contains("Review the value delivered with the customer"))
        .anyMatch(t -> t.contains("Prepare and send the renewal contract"))
        .anyMatch(t -> t.contains("Record the customer's decision"));
  }

  @Test
  void aLateInvitationToTheValueReviewEscalatesToTheCsLead() throws Exception {
    LocalDate renewal = today().plusDays(130);
    String account = renewals.save(RenewalTestSupport.newAccountId("invite"), renewal);
    ProcessInstance instance = renewals.instance(account);
    execute(job("Event_ReviewDue", instance));
    renewals.complete(instance, "Task_InternalAccountReview", Map.of("valueDeliveredSoFar", "Goals met",
        "renewalApproach", "standard", "internalAgreement", true));
    Task invitation = renewals.task(instance, "Task_InviteToValueReview");
    assertThat(invitation.getDueDate()).isEqualTo(due(renewal, 120));
    renewals.sendMails(account);
    smtp.reset();

    ClockUtil.setCurrentTime(new Date(due(renewal, 120).getTime() + Duration.ofMinutes(1).toMillis()));
    Jobs.executeAll(management, instance.getId());
    renewals.sendMails(account);

    assertThat(tasks.getVariableLocal(invitation.getId(), "escalated")).isEqualTo(true);
    assertThat(recipientsOf("raci-escalation")).containsExactly("cs-lead-demo@example.com");
    assertThat(recipientsOf("raci-reminder")).containsExactly("csm-demo@example.com");
  }

  @Test
  void aDecisionNotRecordedAMonthBeforeTheRenewalEscalatesToTheCsLead() throws Exception {
    LocalDate renewal = today().plusDays(70);
    String account = renewals.save(RenewalTestSupport.newAccountId("signing"), renewal);
    ProcessInstance instance = throughToDecision(account);
    Task decision = renewals.task(instance, "Task_RecordDecision");
    assertThat(decision.getDueDate()).isEqualTo(due(renewal, 30));
    renewals.sendMails(account);
    smtp.reset();

    ClockUtil.setCurrentTime(new Date(due(renewal, 31).getTime()));
    Jobs.executeAll(management, instance.getId());
    assertThat(tasks.getVariableLocal(decision.getId(), "escalated")).isNull();

    ClockUtil.setCurrentTime(new Date(due(renewal, 30).getTime() + Duration.ofMinutes(1).toMillis()));
    Jobs.executeAll(management, instance.getId());
    renewals.sendMails(account);

    assertThat(tasks.getVariableLocal(decision.getId(), "escalated")).isEqualTo(true);
    assertThat(recipientsOf("raci-escalation")).containsExactly("cs-lead-demo@example.com");
    assertThat(recipientsOf("raci-reminder")).containsExactly("csm-demo@example.com");
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_RecordDecision");
  }

  @Test
  void aRenewalDate100DaysAwayRunsTheInternalReviewAtOnce() {
    LocalDate renewal = today().plusDays(100);
    String account = renewals.save(RenewalTestSupport.newAccountId("soon"), renewal);
    ProcessInstance instance = renewals.instance(account);

    Job review = job("Event_ReviewDue", instance);
    assertThat(review.getDuedate()).isEqualTo(due(renewal, 135)).isBefore(ClockUtil.getCurrentTime());
    assertThat(management.createJobQuery().jobId(review.getId()).executable().count()).isEqualTo(1);
    execute(review);

    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_InternalAccountReview");
    assertThat(renewals.task(instance, "Task_InternalAccountReview").getAssignee()).isEqualTo("csm-demo");
    renewals.completeReviews(instance, "dana@customer.test");
    // The 90-day step is still 10 days away.
    assertThat(job("Event_SurveyDue", instance).getDuedate()).isEqualTo(due(renewal, 90)).isAfter(ClockUtil.getCurrentTime());
  }

  @Test
  void aMovedRenewalDateMovesThePendingTimersKeepsTheCompletedStepsAndTheInstance() {
    LocalDate first = today().plusDays(200);
    String account = renewals.save(RenewalTestSupport.newAccountId("moved"), first);
    ProcessInstance instance = renewals.instance(account);
    ClockUtil.setCurrentTime(due(first, 135));
    execute(job("Event_ReviewDue", instance));
    renewals.completeReviews(instance, "dana@customer.test");
    assertThat(job("Event_SurveyDue", instance).getDuedate()).isEqualTo(due(first, 90));

    LocalDate later = first.plusDays(45);
    renewals.save(account, later);

    assertThat(renewals.instance(account).getId()).isEqualTo(instance.getId());
    assertThat(runtime.getVariable(instance.getId(), "renewalDate")).isEqualTo(later.toString());
    assertThat(job("Event_SurveyDue", instance).getDuedate()).isEqualTo(due(later, 90));
    BpmnAwareTests.assertThat(instance).hasPassed("Task_InternalAccountReview", "Task_InviteToValueReview",
        "Task_ValueReview", "Task_MoveTimers");
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).finished().count())
        .isEqualTo(3);

    // Moved earlier so that the 90-day day has passed: that step is due at once.
    LocalDate sooner = today().plusDays(85);
    renewals.save(account, sooner);
    Job survey = job("Event_SurveyDue", instance);
    assertThat(survey.getDuedate()).isEqualTo(due(sooner, 90));
    assertThat(management.createJobQuery().jobId(survey.getId()).executable().count()).isEqualTo(1);
    assertThat(renewals.instances(account)).hasSize(1);
  }

  @Test
  void aMovedDateLeavesTheSurveysAnswerWaitAndMovesTheDecisionsDueDateAndItsEscalation() {
    LocalDate first = today().plusDays(60);
    String account = renewals.save(RenewalTestSupport.newAccountId("wait"), first);
    ProcessInstance instance = renewals.instance(account);
    execute(job("Event_ReviewDue", instance));
    renewals.completeReviews(instance, "dana@customer.test");
    execute(job("Event_SurveyDue", instance));
    Date answerBy = job("Event_NoAnswer", instance).getDuedate();

    LocalDate later = first.plusDays(30);
    renewals.save(account, later);

    assertThat(job("Event_NoAnswer", instance).getDuedate()).isEqualTo(answerBy);
    runtime.createMessageCorrelation(RenewalSurvey.ANSWERED_MESSAGE).processInstanceId(instance.getId())
        .setVariable("customerAnswer", "likely").correlateWithResult();
    assertThat(job("Event_ContractDue", instance).getDuedate()).isEqualTo(due(later, 60));
    execute(job("Event_ContractDue", instance));
    renewals.complete(instance, "Task_PrepareContract", Map.of("renewalSeats", 120L, "contractSentOn", "2026-12-01"));
    assertThat(renewals.task(instance, "Task_RecordDecision").getDueDate()).isEqualTo(due(later, 30));

    LocalDate again = later.plusDays(7);
    renewals.save(account, again);
    Task decision = renewals.task(instance, "Task_RecordDecision");
    assertThat(decision.getDueDate()).isEqualTo(due(again, 30));
    // Its RACI escalation moved with it.
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().list())
        .extracting(Job::getDuedate).contains(due(again, 30));
  }

  @Test
  void aMovedRenewalDateMovesTheInvitationsDueDateAndTheSecondSurvey() {
    LocalDate first = today().plusDays(130);
    String account = renewals.save(RenewalTestSupport.newAccountId("moved2"), first);
    ProcessInstance instance = renewals.instance(account);
    execute(job("Event_ReviewDue", instance));
    renewals.complete(instance, "Task_InternalAccountReview", Map.of("valueDeliveredSoFar", "Goals met",
        "renewalApproach", "standard", "internalAgreement", true));
    assertThat(renewals.task(instance, "Task_InviteToValueReview").getDueDate()).isEqualTo(due(first, 120));

    LocalDate later = first.plusDays(20);
    renewals.save(account, later);
    assertThat(renewals.task(instance, "Task_InviteToValueReview").getDueDate()).isEqualTo(due(later, 120));
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().list())
        .extracting(Job::getDuedate).contains(due(later, 120)).doesNotContain(due(first, 120));

    renewals.invite(instance);
    renewals.complete(instance, "Task_ValueReview", Map.of("valueDelivered", "Faster onboarding",
        "nextObjectives", "More teams", "decisionMakerName", "Dana Decider", "decisionMakerEmail", "dana@customer.test"));
    ClockUtil.setCurrentTime(due(later, 90));
    execute(job("Event_SurveyDue", instance));
    runtime.createMessageCorrelation(RenewalSurvey.ANSWERED_MESSAGE).processInstanceId(instance.getId())
        .setVariable("customerAnswer", "unsure").correlateWithResult();
    renewals.complete(instance, "Task_AddressRisk", Map.of("riskFindings", "Budget review", "riskPlan", "ROI study",
        "renewalLikelihood", "unsure"));
    assertThat(job("Event_SecondSurveyDue", instance).getDuedate()).isEqualTo(due(later, 75));

    LocalDate again = later.plusDays(10);
    renewals.save(account, again);
    assertThat(job("Event_SecondSurveyDue", instance).getDuedate()).isEqualTo(due(again, 75));
    assertThat(renewals.instances(account)).hasSize(1);
  }

  @Test
  void renewedThanksTheCustomerAndStartsTheNextCycleFromTheNewDate() throws Exception {
    LocalDate renewal = today().plusDays(40);
    String account = renewals.save(RenewalTestSupport.newAccountId("renewed"), renewal);
    ProcessInstance instance = throughToDecision(account);
    LocalDate next = renewal.plusYears(1);
    assertThat(runtime.getVariable(instance.getId(), "nextRenewalDate")).isEqualTo(next.toString());

    renewals.complete(instance, "Task_RecordDecision", Map.of("renewalOutcome", "renewed",
        "signedOn", today().toString(), "nextRenewalDate", next.plusDays(1).toString()));

    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Task_ThankCustomer", "EndEvent_Renewed");
    ProcessInstance nextCycle = renewals.instance(account);
    assertThat(nextCycle.getId()).isNotEqualTo(instance.getId());
    assertThat(runtime.getVariable(nextCycle.getId(), "renewalDate")).isEqualTo(next.plusDays(1).toString());
    assertThat(runtime.getVariable(nextCycle.getId(), "decisionMakerEmail")).isEqualTo("dana@customer.test");
    assertThat(job("Event_ReviewDue", nextCycle).getDuedate()).isEqualTo(due(next.plusDays(1), 135));
    assertThat(accounts.find(account).orElseThrow().renewalDate()).isEqualTo(next.plusDays(1));

    renewals.sendMails(account);
    MimeMessage thanks = Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> subject(m).equals("Thank you for your continued partnership")).findFirst().orElseThrow();
    assertThat(Arrays.stream(thanks.getAllRecipients()).map(Object::toString))
        .containsExactlyInAnyOrder("exec@customer.test", "dana@customer.test", "team1@customer.test", "team2@customer.test");
  }

  @Test
  void churnedMarksTheAccountPublishesAccountChurnedAndOpensTheOffboarding() {
    LocalDate renewal = today().plusDays(40);
    String account = renewals.save(RenewalTestSupport.newAccountId("churned"), renewal);
    ProcessInstance instance = throughToDecision(account);

    renewals.complete(instance, "Task_RecordDecision", Map.of("renewalOutcome", "churned",
        "churnReason", "Budget cut"));

    assertThat(accounts.lifecycle(account)).containsEntry("stage", "churned");
    assertThat(churned).contains(new AccountChurned(account));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_Offboard");
    assertThat(renewals.task(instance, "Task_Offboard").getAssignee()).isEqualTo("csm-demo");
    renewals.complete(instance, "Task_Offboard", Map.of("lessonsLearned", "Show value earlier"));
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("EndEvent_Churned");

    // A churned account saved again (same date) does not start a new preparation.
    renewals.save(account, renewal);
    assertThat(renewals.instances(account)).isEmpty();
  }

  private ProcessInstance throughToDecision(String account) {
    ProcessInstance instance = renewals.instance(account);
    execute(job("Event_ReviewDue", instance));
    renewals.completeReviews(instance, "dana@customer.test");
    execute(job("Event_SurveyDue", instance));
    runtime.createMessageCorrelation(RenewalSurvey.ANSWERED_MESSAGE).processInstanceId(instance.getId())
        .setVariable("customerAnswer", "likely").correlateWithResult();
    execute(job("Event_ContractDue", instance));
    renewals.complete(instance, "Task_PrepareContract", Map.of("renewalSeats", 120L, "contractSentOn", today().toString()));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Task_RecordDecision");
    return instance;
  }

  /** Recipients of the one mail of this kind (GreenMail keeps one copy per recipient). */
  private List<String> recipientsOf(String kind) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> header(m, "X-Baton-Mail-Kind").equals(kind))
        .flatMap(m -> recipients(m).stream()).distinct().toList();
  }

  private static List<String> recipients(MimeMessage message) {
    try {
      return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(MimeMessage message, String name) {
    try {
      String[] values = message.getHeader(name);
      return values == null ? "" : values[0];
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
