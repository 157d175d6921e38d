package dev.baton.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.baton.support.AppProcess;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Footprint: start-up time, and resident memory with 10,000 running instances. Baton runs as an
 * operator runs it, in its own JVM ({@link AppProcess}: this build's classes and dependencies, not the packaged
 * jar) with the JVM options below, the job executor on and a real SMTP server (GreenMail, in this JVM); on a
 * fresh H2 file database (demo profile; deleted afterwards, it takes gigabytes) or, with -Ppostgres, on the
 * PostgreSQL database DB_URL names (postgres profile; it must be empty, and keeps the data). Baton is started on
 * the empty database, restarted, given 10,000 running instances through its public paths
 * ({@link RunningPortfolio}), and restarted once more. After each start and after the load it idles, then its
 * CPU meanwhile, resident set, heap after a full GC and metaspace are read ({@link IdleReading}). While it is
 * stopped, the job executor's acquisition query is timed against the loaded database ({@link AcquisitionQuery}).
 *
 * <pre>
 * mvn -B -ntp test -Dtest=FootprintBenchmark                                    # H2 file database
 * DB_URL=jdbc:postgresql://localhost:5432/baton_bench DB_USER=baton DB_PASSWORD=baton \
 *   mvn -B -ntp test -Ppostgres -Dtest=FootprintBenchmark                       # PostgreSQL (an empty database)
 * </pre>
 * Knobs (system properties): footprint.instances (10000); footprint.jvm, Baton's JVM options ("-Xmx512m"; ""
 * for the JVM's defaults; add -XX:NativeMemoryTracking=summary to see where the memory goes);
 * footprint.idleSeconds (30: an idle job executor polls at least every 30 s).
 */
class FootprintBenchmark {

  static final int INSTANCES = Integer.getInteger("footprint.instances", 10_000);
  static final List<String> JVM = Arrays.stream(System.getProperty("footprint.jvm", "-Xmx512m").trim().split("\\s+"))
      .filter(option -> !option.isEmpty()).toList();
  static final Duration IDLE = Duration.ofSeconds(Long.getLong("footprint.idleSeconds", 30));
  static final String WEBHOOK_SECRET = "footprint-crm-webhook-secret";

  @Test
  void startUpAndMemoryWithTenThousandRunningInstances() throws Exception {
    BenchDatabase database = BenchDatabase.choose();
    database.requireEmpty();
    // GreenMail logs every new recipient at INFO: thousands of lines that hide the figures.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen.greenmail"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "localhost", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
    List<String> args = new ArrayList<>(database.arguments());
    args.addAll(List.of("--camunda.bpm.job-execution.enabled=true", "--spring.mail.host=localhost",
        "--spring.mail.port=" + smtp.getSmtp().getPort(), "--spring.mail.username=", "--spring.mail.password=",
        "--baton.crm.webhook-secret=" + WEBHOOK_SECRET,
        // Demo users drive the load (integration-demo, sales-rep-demo, csm-demo); no demo portfolio.
        "--baton.demo.enabled=true", "--baton.demo.portfolio=false", "--baton.admin.user=demo",
        "--baton.admin.password=demo", "--baton.customer-links.secret=footprint-customer-link-secret-0123456789"));
    String[] arguments = args.toArray(String[]::new);
    String profile = database.profile();
    FootprintReport report = new FootprintReport(INSTANCES, database.describe(), profile, JVM, IDLE);

    try {
      StartUp first = StartUp.launch("first start, empty database", "footprint-1", JVM, profile, arguments);
      try (AppProcess app = first.app()) {
        report.jvm(JvmMemory.flags(app.pid()));
        report.started(first, idleThenMeasure(app));
      }
      report.databaseSize("empty (schema, deployments, users)", database.sizeBytes());

      StartUp second = StartUp.launch("restart, empty database", "footprint-2", JVM, profile, arguments);
      try (AppProcess app = second.app()) {
        report.started(second, idleThenMeasure(app));
        String run = "fp" + UUID.randomUUID().toString().substring(0, 6);
        RunningPortfolio.Made made = new RunningPortfolio(new BatonApi(app.port(), WEBHOOK_SECRET), INSTANCES, run)
            .create();
        var os = ManagementFactory.getOperatingSystemMXBean();
        report.made(made, smtp.getReceivedMessages().length, os.getSystemLoadAverage());
        report.measured("after creating them, same JVM", idleThenMeasure(app), os.getSystemLoadAverage());
        assertThat(made.total()).as("running instances").isGreaterThanOrEqualTo(INSTANCES);
        assertThat(made.incidents()).as("incidents").isZero();
      }
      report.databaseSize("with " + INSTANCES + " running instances", database.sizeBytes());
      report.acquisition(database.acquisition());

      StartUp third = StartUp.launch("restart, " + INSTANCES + " running instances", "footprint-3", JVM, profile,
          arguments);
      try (AppProcess app = third.app()) {
        report.started(third, idleThenMeasure(app));
        assertThat(new BatonApi(app.port(), WEBHOOK_SECRET).count("/engine-rest/process-instance/count"))
            .as("running instances after the restart").isGreaterThanOrEqualTo(INSTANCES);
      }
      report.databaseSize("after the restart", database.sizeBytes());
      database.removeIfTemporary();
    } finally {
      smtp.stop();
      System.out.println(report);
    }
  }

  private static IdleReading idleThenMeasure(AppProcess app) throws Exception {
    return IdleReading.take(app.pid(), IDLE, NativeMemory.tracked(JVM));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
