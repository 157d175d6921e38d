package dev.baton.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import dev.baton.support.ConfiguredJobExecutor;
import dev.baton.support.TestMailServer;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Timer-storm benchmark: 10,000 accounts whose 90-day renewal survey falls due at the same moment. Measures
 * how long the job executor (really running, configured as in application.yaml {@code camunda.bpm.job-execution})
 * takes to fire every survey timer and deliver every survey mail to a real SMTP server (GreenMail).
 * Target: drained in 60 s or less (docs/benchmarks.md).
 *
 * <p>Meanwhile a CSM works in Tasklist ({@link TasklistProbe}): a few times a second the filter "My team's tasks"
 * (list of 15 with card variables, and its count) and the completion of a task, among {@code benchmark.probeTasks}
 * (500) tasks of the CSM's group; first idle for {@code benchmark.probeIdleSeconds} (10) before the storm, then
 * during it; {@code benchmark.probePerSecond} (3). Prints p50/p95/p99 of each, idle and during the storm.
 *
 * <p>Not part of the suite (Surefire excludes *Benchmark). Run:
 * {@code mvn -B -ntp test -Dtest=RenewalSurveyBenchmark} (H2), or on PostgreSQL with {@code -Ppostgres} and
 * DB_URL/DB_USER/DB_PASSWORD naming a database of its own (the job executor runs every due job it finds).
 * {@code -Dbenchmark.accounts=N} changes the number. On a database that outlives the run the benchmark deletes what it created afterwards.
 * Its Spring context is the application's with the test profile, without the suite's process test
 * coverage (which listens to every activity and would measure itself, not Baton).
 */
// Mails as production sends them (the test profile sends each through a Mail delivery process).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "baton.mail.send-at-once=true")
@ActiveProfiles("test")
class RenewalSurveyBenchmark {

  static final int ACCOUNTS = Integer.getInteger("benchmark.accounts", 10_000);
  static final Duration TARGET = Duration.ofSeconds(60);
  static final int PROBE_TASKS = Integer.getInteger("benchmark.probeTasks", 500);
  static final double PROBE_PER_SECOND = Double.parseDouble(System.getProperty("benchmark.probePerSecond", "3"));
  static final Duration PROBE_IDLE = Duration.ofSeconds(Long.getLong("benchmark.probeIdleSeconds", 10));

  /** Its own SMTP server on a free port (3025 may be busy with a test suite running beside it). */
  GreenMail smtp;

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;
  @Autowired CamundaBpmProperties camunda;
  @Autowired Environment environment;
  @Autowired JavaMailSender mailSender;
  @Autowired RepositoryService repository;
  @Autowired FilterService filters;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;

  @Test
  void tenThousandSurveysDueAtOnceAreSentByTheJobExecutor() throws Exception {
    String run = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    // Survey day (renewal date minus 90 days) was yesterday: every survey timer is due as the executor starts.
    LocalDate renewal = LocalDate.now(ZoneId.of("UTC")).plusDays(89);

    long setupStart = System.nanoTime();
    insertAccounts(run, renewal);
    List<String> instances = startAtSurveyTimer(run, renewal);
    Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);
    List<String> probeInstances = csmTasks(run);
    long due = management.createJobQuery().processDefinitionKey(RenewalSchedules.PROCESS_KEY).activityId("Event_SurveyDue")
        .executable().count();
    assertThat(due).as("survey timers due").isGreaterThanOrEqualTo(ACCOUNTS);

    JavaMailSenderImpl sender = (JavaMailSenderImpl) mailSender;
    int configuredPort = sender.getPort();
    smtp = TestMailServer.forBenchmark();
    sender.setPort(smtp.getSmtp().getPort());

    TasklistProbe probe = new TasklistProbe(json, port,
        filters.createTaskFilterQuery().filterName("My team's tasks").singleResult().getId(), "csm-demo", "demo",
        PROBE_PER_SECOND);
    probe.warmUp(10);
    TasklistProbe.Phase idle = probe.measure("idle");
    Thread.sleep(PROBE_IDLE.toMillis()); // the idle phase's length, not a result
    probe.stop();
    TasklistProbe.Phase stormy = null;

    JobExecutionProperty settings = camunda.getJobExecution();
    Duration timersFired = null;
    Duration drained;
    long cpuStart = ConfiguredJobExecutor.processCpuNanos();
    long start = System.nanoTime();
    ConfiguredJobExecutor executor = ConfiguredJobExecutor.start(engine, camunda);
    try {
      stormy = probe.measure("during storm");
      long lastReport = start;
      long lastTimerCheck = start;
      while (true) {
        // GreenMail counts deliveries as they come; copying 10,000 messages to count them would eat the CPU measured.
        if (smtp.waitForIncomingEmail(1000, ACCOUNTS)) {
          drained = Duration.ofNanos(System.nanoTime() - start);
          break;
        }
        // Every 5 s: the count is itself a query over the job table, which the database would otherwise run each second.
        if (timersFired == null && System.nanoTime() - lastTimerCheck > 5_000_000_000L) {
          lastTimerCheck = System.nanoTime();
          if (management.createJobQuery().processDefinitionKey(RenewalSchedules.PROCESS_KEY)
              .activityId("Event_SurveyDue").count() == 0) {
            timersFired = Duration.ofNanos(lastTimerCheck - start);
          }
        }
        if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
          throw new AssertionError("Only " + smtp.getReceivedMessages().length + " of " + ACCOUNTS
              + " surveys delivered after 30 minutes");
        }
        if (System.nanoTime() - lastReport > Duration.ofSeconds(15).toNanos()) {
          lastReport = System.nanoTime();
          long sent = jdbc.queryForObject("select count(*) from baton_mail where account_id like ? and sent_at is not null",
              Long.class, run + "%");
          System.out.printf("  ... %5.1f s: %d surveys sent%n", (lastReport - start) / 1e9, sent);
        }
      }
    } finally {
      probe.stop();
      executor.close();
      sender.setPort(configuredPort);
    }
    double cpuSeconds = (ConfiguredJobExecutor.processCpuNanos() - cpuStart) / 1e9;
    double smtpCpuSeconds = TestMailServer.cpuNanosOfSmtpThreads() / 1e9;
    // One job per survey (its timer); a mail the server did not take at once adds its Mail delivery's job.
    long handedOver = jdbc.queryForObject("select count(*) from baton_mail where account_id like ? and delivery_id is not null",
        Long.class, run + "%");
    long jobs = ACCOUNTS + handedOver;
    double batonCpuSeconds = cpuSeconds - smtpCpuSeconds;
    if (timersFired == null) {
      timersFired = drained;
    }

    String database = environment.getProperty("spring.datasource.url", "?").replaceAll("\\?.*", "");
    double seconds = drained.toMillis() / 1000.0;
    System.out.printf("""

        ==== RenewalSurveyBenchmark: %d accounts, 90-day survey due at the same moment ====
        database:            %s
        job executor:        core-pool-size %d, max-pool-size %d, queue-capacity %d, max-jobs-per-acquisition %s,
                             wait-time-in-millis %s, backoff-time-in-millis %s; %d cores, load average %.1f
        set-up (not timed):  %.1f s for %d instances waiting at the 90-day timer
        survey timers fired: %.1f s (timer + links + mail queued, one job per account)
        surveys delivered:   %.1f s to SMTP (GreenMail): %d mails, %.0f mails/s, %d jobs, %.0f jobs/s
        CPU used meanwhile:  %.1f s by this JVM, of which GreenMail's SMTP threads %.1f s: Baton %.1f ms per survey;
                             on %d idle cores that is about %.0f s of work (the database server's CPU not counted)
        target:              all delivered in %d s or less: %s
        ======================================================================================
        %n""", ACCOUNTS, database, settings.getCorePoolSize(), settings.getMaxPoolSize(), settings.getQueueCapacity(),
        settings.getMaxJobsPerAcquisition(), settings.getWaitTimeInMillis(), settings.getBackoffTimeInMillis(),
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        setup.toMillis() / 1000.0, instances.size(), timersFired.toMillis() / 1000.0, seconds,
        ACCOUNTS, ACCOUNTS / seconds, jobs, jobs / seconds,
        cpuSeconds, smtpCpuSeconds, batonCpuSeconds * 1000 / ACCOUNTS, Runtime.getRuntime().availableProcessors(),
        batonCpuSeconds / Runtime.getRuntime().availableProcessors(), TARGET.toSeconds(),
        drained.compareTo(TARGET) <= 0 ? "MET" : "MISSED");
    System.out.printf("==== Tasklist for a CSM (csm-demo, My team's tasks, %d tasks of the group, %.0f probes/s) ====%n%s%s%n",
        PROBE_TASKS, PROBE_PER_SECOND, idle.report(), stormy.report());

    assertThat(smtp.getReceivedMessages()).hasSize(ACCOUNTS);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(RenewalSchedules.PROCESS_KEY)
        .processInstanceBusinessKeyLike(run + "%").activityIdIn("Task_AwaitAnswer").count()).isEqualTo(ACCOUNTS);
    smtp.stop();
    if (!database.startsWith("jdbc:h2:mem:")) {
      List<String> all = new ArrayList<>(instances);
      all.addAll(probeInstances);
      cleanUp(run, all);
    }
  }


  private void insertAccounts(String run, LocalDate renewal) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      rows.add(new Object[] {run + i, "Benchmark customer " + i, Date.valueOf(renewal), now, now});
    }
    jdbc.batchUpdate("insert into baton_account (account_id, name, renewal_date, created_at, updated_at) "
        + "values (?, ?, ?, ?, ?)", rows);
  }

  /** Open tasks in the CSM group's list for the probe (the storm itself makes none): TasklistBenchmark's process. */
  private List<String> csmTasks(String run) throws Exception {
    String template;
    try (java.io.InputStream in = getClass().getResourceAsStream("/tasklist/TasklistLoad.bpmn")) {
      template = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String key = "TasklistLoad_csm";
    repository.createDeployment().name("tasklist-probe").enableDuplicateFiltering(true)
        .addString(key + ".bpmn", template.replace("PROCESS_KEY", key).replace("RESPONSIBLE_ROLE", "csm")
            // No one accountable, so completing a task mails no one: the storm counts its survey mails only.
            .replace("<camunda:property name=\"raci.accountable\" value=\"cs-lead\" />", "")).deploy();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < PROBE_TASKS; i++) {
      String account = run + "probe-" + i;
      ids.add(runtime.startProcessInstanceByKey(key, account,
          Map.of("accountId", account, "accountName", "Probe customer " + i)).getId());
    }
    return ids;
  }

  /** Instances placed straight at the 90-day timer (the reviews before it are not what is measured). */
  private List<String> startAtSurveyTimer(String run, LocalDate renewal) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger next = new AtomicInteger();
    List<Future<List<String>>> parts = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      parts.add(pool.submit(() -> {
        List<String> ids = new ArrayList<>();
        for (int i = next.getAndIncrement(); i < ACCOUNTS; i = next.getAndIncrement()) {
          String account = run + i;
          ProcessInstance instance = runtime.createProcessInstanceByKey(RenewalSchedules.PROCESS_KEY)
              .businessKey(account)
              .setVariables(Variables.createVariables()
                  .putValue("accountId", account)
                  .putValue("accountName", "Benchmark customer " + i)
                  .putValue("renewalDate", renewal.toString())
                  .putValue("nextRenewalDate", renewal.plusYears(1).toString())
                  .putValue("decisionMakerName", "Decider " + i)
                  .putValue("decisionMakerEmail", "decider" + i + "@customer" + (i % 100) + ".test"))
              .startBeforeActivity("Event_SurveyDue")
              .execute();
          ids.add(instance.getId());
        }
        return ids;
      }));
    }
    List<String> all = new ArrayList<>();
    for (Future<List<String>> part : parts) {
      all.addAll(part.get());
    }
    pool.shutdown();
    return all;
  }

  /** Removes the benchmark's instances, mail deliveries, questions and accounts (a PostgreSQL database outlives the run). */
  private void cleanUp(String run, List<String> instances) {
    long start = System.nanoTime();
    for (int i = 0; i < instances.size(); i += 500) {
      List<String> chunk = instances.subList(i, Math.min(instances.size(), i + 500));
      runtime.deleteProcessInstancesIfExists(chunk, "benchmark", true, true, true);
    }
    List<String> historic = history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(run + "%")
        .list().stream().map(HistoricProcessInstance::getId).toList();
    for (int i = 0; i < historic.size(); i += 500) {
      history.deleteHistoricProcessInstancesIfExists(historic.subList(i, Math.min(historic.size(), i + 500)));
    }
    jdbc.update("delete from baton_customer_question where account_id like ?", run + "%");
    jdbc.update("delete from baton_mail where account_id like ?", run + "%");
    jdbc.update("delete from baton_account where account_id like ?", run + "%");
    System.out.printf("Benchmark data removed in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }
}
