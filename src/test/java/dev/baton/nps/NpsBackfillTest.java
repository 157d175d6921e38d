package dev.baton.nps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import dev.baton.account.Account;
import dev.baton.account.AccountRepository;
import dev.baton.account.AccountService;
import dev.baton.support.BatonIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Accounts launched before the NPS programme existed get one at start, keeping the rhythm of their own
 * launch (docs/lifecycle.md#the-rhythm); churned accounts and those with a running programme get none.
 */
@BatonIntegrationTest
class NpsBackfillTest {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @Autowired ProcessEngine engine;
  @Autowired AccountService accountService;
  @Autowired AccountRepository accounts;
  @Autowired RuntimeService runtime;
  @Autowired NpsBackfill backfill;

  @BeforeEach
  void now() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aLiveAccountLaunchedLongAgoGetsItsProgrammeOnTheRhythmOfItsLaunchAndOnlyOnce() {
    LocalDate today = NOW.atZone(ZoneId.systemDefault()).toLocalDate();
    LocalDate launched = today.minusDays(400);
    String live = account("live", launched, "live");
    String churned = account("churned", launched, "churned");

    backfill.startMissing();
    backfill.startMissing();

    assertThat(programmes(live)).isEqualTo(1);
    assertThat(programmes(churned)).isZero();
    ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey(NpsStart.PROCESS_KEY)
        .processInstanceBusinessKey(live).singleResult();
    BpmnAwareTests.assertThat(instance).isWaitingAt("Event_FirstSurveyDue");
    // Launch + 3 months is past, and so is + 6 more: the first survey is the next date of its rhythm.
    LocalDate due = launched.plusMonths(3).plusMonths(6).plusMonths(6);
    assertThat(due).isAfter(today);
    assertThat(job("Event_FirstSurveyDue", instance).getDuedate())
        .isEqualTo(Date.from(due.atTime(LocalTime.of(9, 0)).atZone(ZoneId.systemDefault()).toInstant()));
  }

  private String account(String prefix, LocalDate launched, String stage) {
    String id = "nps-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    accountService.save(new Account(id, "Acme " + id, "smb", null, null, Map.of("csm", "csm-demo")));
    accounts.setLifecycle(id, "stage", stage);
    accounts.setLifecycle(id, "launchDate", launched.toString());
    return id;
  }

  private long programmes(String accountId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(NpsStart.PROCESS_KEY)
        .processInstanceBusinessKey(accountId).count();
  }
}
