package dev.baton.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.crm.DealWon;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Jobs;
import dev.baton.support.TestMailServer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The real SalesToCsHandoff, walked to its end, starts the onboarding with what Sales handed over: the
 * contract between the two processes (variable names of docs/handoff.md, read in HandoffData).
 */
@BatonIntegrationTest
class OnboardingFromHandoffTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired ObjectMapper json;

  @BeforeEach
  void init() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void theCompletedHandoffStartsTheOnboardingWithItsDataShownNotAskedAgain() throws Exception {
    String accountId = "onb-e2e-" + UUID.randomUUID();
    DealWon deal = new DealWon("salesforce", "opp-" + UUID.randomUUID(), accountId, "Acme Corp", new BigDecimal("12000"),
        "EUR", LocalDate.parse("2026-11-20"), LocalDate.parse("2026-12-01"), LocalDate.parse("2027-11-30"),
        LocalDate.parse("2027-12-01"), "sales-rep-demo@example.com", "csm-demo@example.com",
        List.of(new DealWon.Contact("Ann Buyer", "ann@customer.test", "champion")));
    ProcessInstance handoff = runtime.startProcessInstanceByKey("SalesToCsHandoff", deal.businessKey(),
        Variables.createVariables().putValue("crm", deal.crm()).putValue("dealId", deal.dealId())
            .putValue("deal", SpinValues.jsonValue(json.writeValueAsString(deal)).create()));
    Jobs.executeAll(management, handoff.getId());

    Map<String, Object> checklist = new HashMap<>();
    checklist.put("useCase", "Onboard 40 field engineers");
    checklist.put("pricingPlan", "Growth");
    checklist.put("scopeModules", "Core, Reporting");
    checklist.put("painPoints", "Spreadsheets for every hand-over");
    checklist.put("champions", "Ann Buyer");
    checklist.put("decisionMakers", "Carl CFO");
    checklist.put("customerAsks", "SSO in the first month");
    checklist.put("goalsShortTerm", "Live in 6 weeks");
    checklist.put("successMeasures", "Hand-over time halved");
    checklist.put("deploymentTimeline", "Pilot in January, rollout in February");
    checklist.put("contractStart", "2026-12-01");
    checklist.put("contractEnd", "2027-11-30");
    checklist.put("renewalDate", "2027-11-30");
    checklist.put("renewalLikelihood", "likely");
    checklist.put("roiAnalysis", "Saves 2 FTE");
    checklist.put("salesPerceptions", "Easy sale, procurement is slow");
    checklist.put("othersInvolved", "IT security lead, procurement");
    checklist.put("canServeToday", "partly");
    checklist.put("salesKickoffSignOff", "The Sales Rep");
    complete(handoff, "Task_CompleteChecklist", checklist);
    complete(handoff, "Task_ReviewChecklist", Map.of("checklistReview", "accepted"));
    complete(handoff, "Task_KnowledgeTransfer", Map.of("knowledgeTransferDate", "2026-11-23",
        "knowledgeTransferAttendees", "Sam, Jane", "knowledgeTransferNotes", "CFO cares about ROI",
        "kickoffDate", "2026-11-30"));
    // The sales rep's Complete commits only their work: onboarding starts from the end event's own job.
    BpmnAwareTests.assertThat(handoff).isWaitingAt("EndEvent_HandedOver");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(OnboardingStarter.PROCESS_KEY)
        .processInstanceBusinessKey(accountId).count()).isZero();
    Jobs.executeAll(management, handoff.getId());
    BpmnAwareTests.assertThat(handoff).isEnded();

    List<ProcessInstance> onboardings = runtime.createProcessInstanceQuery()
        .processDefinitionKey(OnboardingStarter.PROCESS_KEY).processInstanceBusinessKey(accountId).list();
    assertThat(onboardings).hasSize(1);
    ProcessInstance onboarding = onboardings.get(0);
    BpmnAwareTests.assertThat(onboarding).isWaitingAt("Task_ScheduleKickoff").variables()
        .containsEntry("handoffProcessInstanceId", handoff.getId())
        .containsEntry("accountName", "Acme Corp").containsEntry("segment", "SMB")
        .containsEntry("closeDate", "2026-11-20").containsEntry("renewalDate", "2027-11-30")
        .containsEntry("amount", 12000.0).containsEntry("customerContactEmail", "ann@customer.test")
        .containsEntry("successPlanApproverEmail", "ann@customer.test")
        .containsEntry("purchasedPackage", "Growth").containsEntry("kickoffDate", "2026-11-30")
        .containsEntry("salesKickoffSignOff", "The Sales Rep")
        .containsEntry("knowledgeTransferNotes", "CFO cares about ROI")
        .containsEntry("goals", "Short term: Live in 6 weeks\nHow they measure success: Hand-over time halved")
        .containsEntry("promises", "What they asked for: SSO in the first month")
        .containsEntry("stakeholders", "Champions: Ann Buyer\nDecision makers: Carl CFO");
    Task kickoff = tasks.createTaskQuery().processInstanceId(onboarding.getId()).singleResult();
    assertThat(kickoff.getAssignee()).isEqualTo(runtime.getVariable(onboarding.getId(), "csm"));
  }

  private void complete(ProcessInstance instance, String taskKey, Map<String, Object> values) {
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo(taskKey);
    tasks.complete(task.getId(), values);
  }
}
