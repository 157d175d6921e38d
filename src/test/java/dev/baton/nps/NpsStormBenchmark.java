package dev.baton.nps;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.baton.calendar.BusinessTime;
import dev.baton.support.ConfiguredJobExecutor;
import dev.baton.support.TestMailServer;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;

/**
 * NPS storm benchmark: 10,000 live accounts whose NPS survey falls due on the same day, each with four contacts
 * asked (one per persona of {@code baton.nps.personas}), so 40,000 survey mails. Every NpsSurvey instance is placed
 * straight at its "First survey due" timer, due now (the worst case: {@code baton.timers.spread} would spread
 * them over a window); the job executor, running exactly as {@code camunda.bpm.job-execution} configures it, fires
 * the timers, opens each round, mints the questions and sends every mail to a real SMTP server (GreenMail).
 * Target: 40,000 mails in 3 minutes.
 *
 * <p>Not part of the suite (Surefire excludes *Benchmark). Run:
 * {@code mvn -B -ntp test -Dtest=NpsStormBenchmark} (H2), or on PostgreSQL with {@code -Ppostgres} and
 * DB_URL/DB_USER/DB_PASSWORD naming a database of its own (the job executor runs every due job it finds).
 * {@code -Dbaton.bench.accounts=N} changes the number of accounts (four mails each). On a database that outlives
 * the run the benchmark deletes what it created afterwards.
 */
// Mails as production sends them (the test profile sends each through a Mail delivery process).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "baton.mail.send-at-once=true")
@ActiveProfiles("test")
class NpsStormBenchmark {

  static final int ACCOUNTS = Integer.getInteger("baton.bench.accounts", 10_000);
  static final List<String> PERSONAS = List.of("decision-maker", "executive-sponsor", "champion", "user");
  static final int MAILS = ACCOUNTS * PERSONAS.size();
  /** 40,000 mails in 3 minutes; a smaller run is held to the same rate. */
  static final Duration TARGET = Duration.ofMillis(180_000L * MAILS / 40_000);

  GreenMail smtp;

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;
  @Autowired CamundaBpmProperties camunda;
  @Autowired Environment environment;
  @Autowired JavaMailSender mailSender;
  @Autowired BusinessTime time;

  @Test
  void fortyThousandNpsSurveysOfOneDayReachTheMailServer() throws Exception {
    String run = "npsbench-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    long setupStart = System.nanoTime();
    insertAccountsAndContacts(run);
    List<String> instances = startAtFirstSurvey(run);
    Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);
    assertThat(dueTimers()).as("survey timers due").isGreaterThanOrEqualTo(ACCOUNTS);

    JavaMailSenderImpl sender = (JavaMailSenderImpl) mailSender;
    int configuredPort = sender.getPort();
    smtp = TestMailServer.forBenchmark();
    sender.setPort(smtp.getSmtp().getPort());

    JobExecutionProperty settings = camunda.getJobExecution();
    Duration timersFired = null;
    Duration drained;
    long cpuStart = ConfiguredJobExecutor.processCpuNanos();
    long start = System.nanoTime();
    ConfiguredJobExecutor executor = ConfiguredJobExecutor.start(engine, camunda);
    try {
      long lastReport = start;
      long lastTimerCheck = start;
      while (true) {
        // GreenMail counts deliveries as they arrive; copying 40,000 messages to count them would eat the CPU measured.
        if (smtp.waitForIncomingEmail(1000, MAILS)) {
          drained = Duration.ofNanos(System.nanoTime() - start);
          break;
        }
        // Every 5 s: the count is itself a query over the job table.
        if (timersFired == null && System.nanoTime() - lastTimerCheck > 5_000_000_000L) {
          lastTimerCheck = System.nanoTime();
          if (dueTimers() == 0) {
            timersFired = Duration.ofNanos(lastTimerCheck - start);
          }
        }
        if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
          throw new AssertionError("Only " + smtp.getReceivedMessages().length + " of " + MAILS
              + " NPS surveys delivered after 30 minutes");
        }
        if (System.nanoTime() - lastReport > Duration.ofSeconds(15).toNanos()) {
          lastReport = System.nanoTime();
          long sent = jdbc.queryForObject("select count(*) from baton_mail where account_id like ? and sent_at is not null",
              Long.class, run + "%");
          System.out.printf("  ... %5.1f s: %d timers still due, %d mails sent%n", (lastReport - start) / 1e9,
              dueTimers(), sent);
        }
      }
    } finally {
      executor.close();
      sender.setPort(configuredPort);
    }
    double cpuSeconds = (ConfiguredJobExecutor.processCpuNanos() - cpuStart) / 1e9;
    double smtpCpuSeconds = TestMailServer.cpuNanosOfSmtpThreads() / 1e9;
    double batonCpuSeconds = cpuSeconds - smtpCpuSeconds;
    if (timersFired == null) {
      timersFired = drained;
    }

    String database = environment.getProperty("spring.datasource.url", "?").replaceAll("\\?.*", "");
    double seconds = drained.toMillis() / 1000.0;
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("""

        ==== NpsStormBenchmark: %d accounts x %d contacts, NPS survey due on the same day ====
        database:            %s
        job executor:        core-pool-size %d, max-pool-size %d, queue-capacity %d, max-jobs-per-acquisition %s,
                             wait-time-in-millis %s, backoff-time-in-millis %s; %d cores, load average %.1f
        set-up (not timed):  %.1f s for %d instances waiting at the first survey's timer, due now
        survey timers fired: %.1f s (timer + round opened + %d questions and mails queued per account)
        mails delivered:     %.1f s to SMTP (GreenMail): %d mails, %.0f mails/s
        CPU used meanwhile:  %.1f s by this JVM, of which GreenMail's SMTP threads %.1f s: Baton %.2f ms per mail, %.1f ms per account;
                             on %d idle cores about %.0f s of work (the database server's CPU not counted)
        target:              %,d mails in %d s or less: %s
        ======================================================================================
        %n""", ACCOUNTS, PERSONAS.size(), database, settings.getCorePoolSize(), settings.getMaxPoolSize(),
        settings.getQueueCapacity(), settings.getMaxJobsPerAcquisition(), settings.getWaitTimeInMillis(),
        settings.getBackoffTimeInMillis(), cores,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        setup.toMillis() / 1000.0, instances.size(), timersFired.toMillis() / 1000.0, PERSONAS.size(), seconds,
        MAILS, MAILS / seconds, cpuSeconds, smtpCpuSeconds, batonCpuSeconds * 1000 / MAILS, batonCpuSeconds * 1000 / ACCOUNTS,
        cores, batonCpuSeconds / cores, MAILS, TARGET.toSeconds(), drained.compareTo(TARGET) <= 0 ? "MET" : "MISSED");

    assertThat(smtp.getReceivedMessages()).hasSize(MAILS);
    smtp.stop();
    if (!database.startsWith("jdbc:h2:mem:")) {
      cleanUp(run, instances);
    }
  }

  private long dueTimers() {
    return management.createJobQuery().processDefinitionKey(NpsStart.PROCESS_KEY).activityId("Event_FirstSurveyDue")
        .executable().count();
  }

  /** Live accounts, each with one contact per persona asked (docs/lifecycle.md#contacts). */
  private void insertAccountsAndContacts(String run) {
    Timestamp now = Timestamp.from(time.now());
    List<Object[]> accounts = new ArrayList<>();
    List<Object[]> contacts = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      accounts.add(new Object[] {run + i, "Benchmark customer " + i, now, now});
      for (int p = 0; p < PERSONAS.size(); p++) {
        contacts.add(new Object[] {run + i, p, "Person " + p + " of " + i, "p" + p + "." + i + "@customer" + (i % 100)
            + ".test", PERSONAS.get(p)});
      }
    }
    jdbc.batchUpdate("insert into baton_account (account_id, name, created_at, updated_at) values (?, ?, ?, ?)",
        accounts);
    jdbc.batchUpdate("insert into baton_account_contact (account_id, position, name, email, persona) "
        + "values (?, ?, ?, ?, ?)", contacts);
  }

  /**
   * Instances placed straight at the first survey's timer, then made due now: the rhythm puts a first survey
   * always in the future, and what is measured is the day it comes.
   */
  private List<String> startAtFirstSurvey(String run) throws Exception {
    String launchedOn = time.today().minusMonths(3).toString();
    Date dueNow = Date.from(time.now().minusSeconds(60));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger next = new AtomicInteger();
    List<Future<List<String>>> parts = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      parts.add(pool.submit(() -> {
        List<String> ids = new ArrayList<>();
        for (int i = next.getAndIncrement(); i < ACCOUNTS; i = next.getAndIncrement()) {
          String account = run + i;
          ProcessInstance instance = runtime.createProcessInstanceByKey(NpsStart.PROCESS_KEY)
              .businessKey(account)
              .setVariables(Variables.createVariables()
                  .putValue("accountId", account)
                  .putValue("accountName", "Benchmark customer " + i)
                  .putValue("launchedOn", launchedOn))
              .startBeforeActivity("Event_FirstSurveyDue")
              .execute();
          for (Job timer : management.createJobQuery().processInstanceId(instance.getId()).timers().list()) {
            management.setJobDuedate(timer.getId(), dueNow);
          }
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
    // Small chunks: the engine orders a flush's deletions pairwise, so a chunk's cost grows with its square.
    int chunkSize = 50;
    for (int i = 0; i < instances.size(); i += chunkSize) {
      List<String> chunk = instances.subList(i, Math.min(instances.size(), i + chunkSize));
      runtime.deleteProcessInstancesIfExists(chunk, "benchmark", true, true, true);
    }
    List<String> historic = history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(run + "%")
        .list().stream().map(HistoricProcessInstance::getId).toList();
    for (int i = 0; i < historic.size(); i += chunkSize) {
      history.deleteHistoricProcessInstancesIfExists(historic.subList(i, Math.min(historic.size(), i + chunkSize)));
    }
    jdbc.update("delete from baton_customer_question where account_id like ?", run + "%");
    jdbc.update("delete from baton_mail where account_id like ?", run + "%");
    // Contacts, survey rounds and their responses go with the account (on delete cascade).
    jdbc.update("delete from baton_account where account_id like ?", run + "%");
    System.out.printf("Benchmark data removed in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }
}
