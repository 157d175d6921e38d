package dev.baton.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.account.AccountRepository;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.TestMailServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** OnboardingKickoff starts from HandoffCompleted: once per account, with the handoff's data, never asked again. */
@BatonIntegrationTest
class OnboardingStartTest {

  @RegisterExtension static GreenMailExtension smtp = TestMailServer.create();

  @Autowired AccountRepository accounts;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  OnboardingDriver driver;

  @BeforeEach
  void setUp() {
    driver = new OnboardingDriver(accounts, runtime, tasks, management, identity, events, transaction, smtp, 0);
  }

  @Test
  void aSecondHandoffOfTheSameAccountStartsNoSecondOnboarding() {
    String account = driver.newAccount("twice", "SMB");
    driver.handOver(account, OnboardingDriver.handoff(account, "SMB", LocalDate.now()));
    driver.handOver(account, OnboardingDriver.handoff(account, "SMB", LocalDate.now()));

    assertThat(instances(account)).hasSize(1);
  }

  @Test
  void concurrentHandoffsOfOneAccountStartExactlyOneOnboarding() throws Exception {
    String account = driver.newAccount("concurrent", "SMB");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        done.add(pool.submit(() -> {
          go.await();
          driver.handOver(account, OnboardingDriver.handoff(account, "SMB", LocalDate.now()));
          return null;
        }));
      }
      go.countDown();
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(instances(account)).hasSize(1);
  }

  @Test
  void aCancelledOnboardingDoesNotBlockTheNextOne() {
    String account = driver.newAccount("again", "SMB");
    ProcessInstance first = driver.start(account, "SMB", LocalDate.now());
    runtime.deleteProcessInstance(first.getId(), "test: cancelled in Cockpit");

    driver.handOver(account, OnboardingDriver.handoff(account, "SMB", LocalDate.now()));

    assertThat(instances(account)).hasSize(1).first().extracting(ProcessInstance::getId).isNotEqualTo(first.getId());
  }

  @Test
  void theHandoffDataIsCopiedAndMissingValuesStayAbsent() {
    String account = driver.newAccount("sparse", "Enterprise");
    Map<String, Object> handoff = new LinkedHashMap<>();
    handoff.put("accountName", "Sparse Corp");
    handoff.put("segment", "Enterprise");
    handoff.put("goals", "Go live before the audit");
    handoff.put("closeDate", "not a date");

    driver.handOver(account, handoff);

    ProcessInstance instance = driver.onboarding(account);
    Map<String, Object> variables = runtime.getVariables(instance.getId());
    assertThat(variables).containsEntry("accountId", account).containsEntry("accountName", "Sparse Corp")
        .containsEntry("goals", "Go live before the audit").containsEntry("kickoffBusinessDays", 10)
        .doesNotContainKeys("closeDate", "promises", "customerContactEmail", "amount");
    // The tasks go to the account team's CSM even without a csm variable.
    assertThat(driver.task(instance, "Task_ScheduleKickoff").getAssignee()).isEqualTo("csm-demo");
  }

  @Test
  void theHandoffChecklistAnswersAreSummarisedForTheKickoffAndNeverAskedAgain() {
    String account = driver.newAccount("checklist", "SMB");
    Map<String, Object> handoff = new LinkedHashMap<>();
    handoff.put("accountName", "Checklist Corp");
    handoff.put("segment", "SMB");
    handoff.put("goalsShortTerm", "Pilot team productive");
    handoff.put("goalsLongTerm", "All HR on the product");
    handoff.put("successMeasures", "Time to onboard a new hire");
    handoff.put("customerAsks", "Import of 5 years of records");
    handoff.put("champions", "Kim Key");
    handoff.put("decisionMakers", "Dana Boss");
    handoff.put("pricingPlan", "Professional");
    handoff.put("csmUserId", "csm-demo");
    handoff.put("kickoffDate", "2026-12-09");

    driver.handOver(account, handoff);

    ProcessInstance instance = driver.onboarding(account);
    Map<String, Object> variables = runtime.getVariables(instance.getId());
    assertThat(variables)
        .containsEntry("goals", "Short term: Pilot team productive\nLong term: All HR on the product\n"
            + "How they measure success: Time to onboard a new hire")
        .containsEntry("promises", "What they asked for: Import of 5 years of records")
        .containsEntry("stakeholders", "Champions: Kim Key\nDecision makers: Dana Boss")
        .containsEntry("purchasedPackage", "Professional").containsEntry("csm", "csm-demo")
        .containsEntry("kickoffDate", "2026-12-09");
    assertThat((String) variables.get("kickoffAgenda")).contains("Short term: Pilot team productive",
        "Import of 5 years of records");
  }

  @Test
  void theDealJsonFillsInWhatTheFlatVariablesLack() {
    String account = driver.newAccount("deal", "SMB");
    Map<String, Object> handoff = new LinkedHashMap<>();
    handoff.put("segment", "SMB");
    handoff.put("deal", """
        {"crm":"hubspot","dealId":"987","accountId":"%s","accountName":"Deal Corp","amount":1200.5,"currency":"USD",
         "closeDate":"2026-10-01","contractStart":"2026-10-02","contractEnd":"2027-10-01","renewalDate":"2027-10-01",
         "contacts":[{"name":"Pat Champion","email":"pat@deal.example","role":"champion"}]}""".formatted(account));

    driver.handOver(account, handoff);

    Map<String, Object> variables = runtime.getVariables(driver.onboarding(account).getId());
    assertThat(variables).containsEntry("accountName", "Deal Corp").containsEntry("dealId", "987")
        .containsEntry("closeDate", "2026-10-01").containsEntry("amount", 1200.5)
        .containsEntry("customerContactEmail", "pat@deal.example")
        .containsEntry("successPlanApproverEmail", "pat@deal.example");
  }

  @Test
  void anAccountTheHandoffDidNotSaveIsCreatedFromItsData() {
    String account = "onb-unknown-" + java.util.UUID.randomUUID();
    driver.handOver(account, OnboardingDriver.handoff(account, "Mid-Market", LocalDate.of(2026, 11, 1)));

    assertThat(accounts.find(account)).hasValueSatisfying(a -> {
      assertThat(a.segment()).isEqualTo("Mid-Market");
      assertThat(a.renewalDate()).isEqualTo(LocalDate.of(2027, 11, 1));
      assertThat(a.lifecycle()).containsEntry("stage", "onboarding");
    });
    assertThat(instances(account)).hasSize(1);
  }

  private List<ProcessInstance> instances(String account) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(OnboardingStarter.PROCESS_KEY)
        .processInstanceBusinessKey(account).list();
  }
}
