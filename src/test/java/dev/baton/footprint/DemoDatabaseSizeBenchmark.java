package dev.baton.footprint;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.baton.support.AppProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo's H2 file against its live data: Baton runs with the H2 settings of application-demo.yaml on a
 * fresh file (and, to compare, with other settings), is given N running instances through its public paths
 * ({@link RunningPortfolio}), is stopped as an operator stops it (SIGTERM) and started again. Printed per setting:
 * the file while Baton runs with the instances, after the orderly stop, the live data (a copy of the stopped
 * file, opened and closed with SHUTDOWN COMPACT, which rewrites only what is live), and the file once Baton has
 * started again (demo mode compacts it at start, DemoDatabaseCompaction). docs/operations.md has the figures.
 *
 * <pre>
 * mvn -B -ntp test -Dtest=DemoDatabaseSizeBenchmark -Dbenchmark.instances=2000 \
 *   -Dbenchmark.h2.compare="DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=30000;WRITE_DELAY=0"
 * </pre>
 * Knobs: benchmark.instances (2000); benchmark.h2.compare, more H2 settings to measure after the demo's,
 * separated by {@code |}.
 */
class DemoDatabaseSizeBenchmark {

  static final int INSTANCES = Integer.getInteger("benchmark.instances", 2_000);
  static final String WEBHOOK_SECRET = "size-crm-webhook-secret";
  static final Pattern DEMO_URL = Pattern.compile("url: jdbc:h2:file:\\./data/baton;(\\S+)");

  @Test
  void theDemoDatabaseFileAgainstItsLiveData() throws Exception {
    List<String> settings = new ArrayList<>();
    settings.add(demoSettings());
    Arrays.stream(System.getProperty("benchmark.h2.compare", "").split("\\|"))
        .map(String::trim).filter(s -> !s.isEmpty()).forEach(settings::add);
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen.greenmail"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "localhost", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
    StringBuilder report = new StringBuilder("\nDemo database size, " + INSTANCES + " running instances, H2 "
        + org.h2.engine.Constants.VERSION + "\n");
    try {
      for (String setting : settings) {
        String line = measure(setting, smtp.getSmtp().getPort());
        report.append(line).append('\n');
        System.out.println(line);
      }
    } finally {
      smtp.stop();
      System.out.println(report);
    }
  }

  private String measure(String setting, int smtpPort) throws Exception {
    Path directory = Files.createDirectories(Path.of("target", "app-process", "db-size-" + System.nanoTime()));
    Path file = directory.resolve("baton.mv.db");
    String url = "jdbc:h2:file:" + directory.toAbsolutePath() + "/baton;" + setting;
    String[] arguments = {"--spring.datasource.url=" + url, "--camunda.bpm.job-execution.enabled=true",
        "--spring.mail.host=localhost", "--spring.mail.port=" + smtpPort, "--spring.mail.username=",
        "--spring.mail.password=", "--baton.crm.webhook-secret=" + WEBHOOK_SECRET, "--baton.demo.portfolio=false"};
    long took = System.nanoTime();
    long running;
    try (AppProcess app = AppProcess.launch("db-size", List.of("-Xmx512m"), "demo", arguments)) {
      app.awaitStarted(Duration.ofMinutes(10));
      new RunningPortfolio(new BatonApi(app.port(), WEBHOOK_SECRET), INSTANCES,
          "sz" + UUID.randomUUID().toString().substring(0, 6)).create();
      running = Files.size(file);
    }
    long stopped = Files.size(file);
    long live = liveSize(file);
    long restarted;
    try (AppProcess app = AppProcess.launch("db-size-restart", List.of("-Xmx512m"), "demo", arguments)) {
      app.awaitStarted(Duration.ofMinutes(10));
      restarted = Files.size(file);
    }
    String line = String.format("%-70s running %,8d KiB  stopped %,8d KiB  live %,8d KiB  restarted %,8d KiB"
        + "  (%.0f s)", setting, running / 1024, stopped / 1024, live / 1024, restarted / 1024,
        (System.nanoTime() - took) / 1e9);
    try (var files = Files.walk(directory)) {
      for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
    return line;
  }

  /** A copy of the stopped database, rewritten by SHUTDOWN COMPACT: the size of what is live. */
  private static long liveSize(Path file) throws Exception {
    Path copy = Files.createTempDirectory(Path.of("target"), "db-live-");
    Files.copy(file, copy.resolve("live.mv.db"), StandardCopyOption.REPLACE_EXISTING);
    try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + copy.toAbsolutePath() + "/live", "sa", "")) {
      connection.createStatement().execute("SHUTDOWN COMPACT");
    }
    long size = Files.size(copy.resolve("live.mv.db"));
    Files.delete(copy.resolve("live.mv.db"));
    Files.delete(copy);
    return size;
  }

  private static String demoSettings() throws IOException {
    Matcher url = DEMO_URL.matcher(Files.readString(Path.of("src/main/resources/application-demo.yaml")));
    if (!url.find()) {
      throw new IllegalStateException("No H2 file URL in application-demo.yaml");
    }
    return url.group(1);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
