package dev.baton.renewal;

import static dev.baton.renewal.RenewalTestSupport.NOW;
import static dev.baton.renewal.RenewalTestSupport.due;
import static dev.baton.renewal.RenewalTestSupport.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import dev.baton.account.Account;
import dev.baton.account.AccountRepository;
import dev.baton.account.AccountService;
import dev.baton.onboarding.OnboardingLaunched;
import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How renewal preparation starts: from the accounts API (AccountSaved), from onboarding's launch, one
 * instance per account also under concurrent calls, and none for a date already past.
 */
@BatonIntegrationTest
class RenewalStartTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired AccountService accountService;
  @Autowired AccountRepository accounts;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  RenewalTestSupport renewals;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    renewals = new RenewalTestSupport(accountService, runtime, tasks, management);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void putAccountWithARenewalDateStartsThePreparation() throws Exception {
    String account = RenewalTestSupport.newAccountId("api");
    LocalDate renewal = today().plusDays(300);

    HttpResponse<String> response = put(account, """
        {"name": "Acme API", "segment": "enterprise", "renewalDate": "%s", "team": {"csm": "csm-demo"}}"""
        .formatted(renewal));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    ProcessInstance instance = renewals.instance(account);
    assertThat(instance.getBusinessKey()).isEqualTo(account);
    assertThat(runtime.getVariable(instance.getId(), "accountId")).isEqualTo(account);
    assertThat(runtime.getVariable(instance.getId(), "accountName")).isEqualTo("Acme API");
    assertThat(runtime.getVariable(instance.getId(), "renewalDate")).isEqualTo(renewal.toString());
    assertThat(job("Event_ReviewDue", instance).getDuedate()).isEqualTo(due(renewal, 135));

    // Saved again with the same date: nothing new.
    put(account, """
        {"name": "Acme API", "segment": "enterprise", "renewalDate": "%s", "team": {"csm": "csm-demo"}}"""
        .formatted(renewal));
    assertThat(renewals.instances(account)).extracting(ProcessInstance::getId).containsExactly(instance.getId());
  }

  @Test
  void anAccountWithoutARenewalDateStartsNothingUntilItGetsOne() {
    String account = renewals.save(RenewalTestSupport.newAccountId("nodate"), null);
    assertThat(renewals.instances(account)).isEmpty();

    renewals.save(account, today().plusDays(200));
    assertThat(renewals.instances(account)).hasSize(1);
  }

  @Test
  void aRenewalDateAlreadyPastStartsNothing() {
    String account = renewals.save(RenewalTestSupport.newAccountId("past"), today().minusDays(1));
    assertThat(renewals.instances(account)).isEmpty();
  }

  @Test
  void onboardingLaunchStartsThePreparationAndRecordsTheDateOnTheAccount() {
    String account = renewals.save(RenewalTestSupport.newAccountId("launch"), null);
    LocalDate renewal = today().plusDays(365);

    transaction.executeWithoutResult(s -> events.publishEvent(new OnboardingLaunched(account, null, renewal)));

    ProcessInstance instance = renewals.instance(account);
    assertThat(runtime.getVariable(instance.getId(), "renewalDate")).isEqualTo(renewal.toString());
    assertThat(accounts.find(account).orElseThrow().renewalDate()).isEqualTo(renewal);

    // A second launch event (or one after the account API started it) adds nothing.
    transaction.executeWithoutResult(s -> events.publishEvent(new OnboardingLaunched(account, null, renewal)));
    assertThat(renewals.instances(account)).hasSize(1);
  }

  @Test
  void onboardingLaunchStartsByTheCustomerLiveMessageWithTheContactItCarries() {
    String account = renewals.save(RenewalTestSupport.newAccountId("launch-contact"), null);
    LocalDate renewal = today().plusDays(365);

    transaction.executeWithoutResult(s -> events.publishEvent(
        new OnboardingLaunched(account, "onboarding-gone", renewal, "Kim Key", "kim@customer.test")));

    ProcessInstance instance = renewals.instance(account);
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(instance)
        .hasPassed("StartEvent_CustomerLive").hasNotPassed("StartEvent_RenewalDateKnown");
    assertThat(runtime.getVariables(instance.getId())).containsEntry("decisionMakerEmail", "kim@customer.test")
        .containsEntry("decisionMakerName", "Kim Key").containsEntry("customerContactEmail", "kim@customer.test");
  }

  @Test
  void onboardingLaunchWithoutADateUsesTheAccountsDate() {
    LocalDate renewal = today().plusDays(180);
    String account = RenewalTestSupport.newAccountId("launch-nodate");
    // The account exists with its date but its preparation was not started (e.g. cancelled in Cockpit).
    accounts.save(new Account(account, "Acme", null, renewal, null, java.util.Map.of()));

    transaction.executeWithoutResult(s -> events.publishEvent(new OnboardingLaunched(account, null, null)));

    assertThat(runtime.getVariable(renewals.instance(account).getId(), "renewalDate")).isEqualTo(renewal.toString());
  }

  @Test
  void concurrentSavesAndLaunchesStartExactlyOnePreparation() throws Exception {
    String account = renewals.save(RenewalTestSupport.newAccountId("race"), null);
    LocalDate renewal = today().plusDays(250);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        boolean viaAccount = i % 2 == 0;
        Callable<Void> call = () -> {
          go.await();
          if (viaAccount) {
            renewals.save(account, renewal);
          } else {
            transaction.executeWithoutResult(s -> events.publishEvent(new OnboardingLaunched(account, null, renewal)));
          }
          return null;
        };
        calls.add(pool.submit(call));
      }
      go.countDown();
      for (Future<?> call : calls) {
        call.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(renewals.instances(account)).hasSize(1);
  }

  private HttpResponse<String> put(String account, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/accounts/" + account))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("integration-demo:demo".getBytes()))
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
