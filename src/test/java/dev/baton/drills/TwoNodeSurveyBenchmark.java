package dev.baton.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import dev.baton.support.AppProcess;
import dev.baton.support.TestMailServer;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The renewal survey storm (as {@code RenewalSurveyBenchmark}) on one Baton node, then on two nodes sharing one
 * PostgreSQL database: N accounts whose 90-day renewal survey is due at the same moment. Each node is its own JVM
 * ({@link AppProcess}, the JVM's default compiler and collector, {@code -Xmx512m}) with its job executor as
 * configured in application.yaml; all mail goes to one SMTP server (GreenMail) in this JVM. Measures the
 * wall-clock until every survey reached SMTP, each node's CPU time and that of the PostgreSQL backends serving the
 * database (from {@code /proc}), the load average, and the speed-up of the second node. Checks every survey arrived
 * once (one Message-ID per delivery, every decision maker reached).
 *
 * <p>Each storm runs on a fresh database, prepared with the job executors off: a preparing node (job executor off)
 * makes the schema, the accounts are inserted and each renewal preparation is started at its survey timer through
 * the REST API, and the timers' job definition is suspended. The storm nodes then start with their job executors on,
 * and the storm begins when the timers are activated, one statement for all, once every node is up.
 *
 * <p>Not part of the suite (Surefire excludes *Benchmark). PostgreSQL only: DB_URL, DB_USER, DB_PASSWORD name a
 * database of its own, which it empties (its schema is dropped) before each storm. Run:
 * {@code DB_URL=jdbc:postgresql://localhost:5432/baton_twonode DB_USER=baton DB_PASSWORD=baton
 * mvn -B -ntp test -Dtest=TwoNodeSurveyBenchmark [-Dbaton.bench.accounts=10000]}.
 */
class TwoNodeSurveyBenchmark {

  static final int ACCOUNTS = Integer.getInteger("baton.bench.accounts", 10_000);
  static final String ADMIN = "demo:demo";
  static final String PROCESS = "RenewalPreparation";
  /** Benchmarks keep the JVM's own compiler and collector (not AppProcess.QUICK_START); the heap as the footprint runs showed enough. */
  static final List<String> JVM = List.of("-Xmx512m");
  /** USER_HZ, the unit of /proc/<pid>/stat on Linux. */
  static final int CLOCK_TICKS = 100;

  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  DrillDatabase db;

  /** What one storm measured. */
  record Storm(int nodes, Duration drained, double[] nodeCpu, long[] nodeSent, double backendCpu, double serverCpu,
      double maxLoad, double loadAtEnd, Duration setup) {

    double mailsPerSecond() {
      return ACCOUNTS / (drained.toMillis() / 1000.0);
    }

    double nodesCpu() {
      double sum = 0;
      for (double cpu : nodeCpu) {
        sum += cpu;
      }
      return sum;
    }

    double databaseCpu() {
      return backendCpu + serverCpu;
    }

    /**
     * Wall-clock the measured work would take with each node on 2 cores of its own and the database on 2 others:
     * whichever is busier sets the pace (assumes the work spreads over the nodes as evenly as it did here).
     */
    double onOwnCores(int nodeCount, int coresPerNode, int databaseCores) {
      return Math.max(nodesCpu() / (nodeCount * coresPerNode), databaseCpu() / databaseCores);
    }
  }

  @Test
  void surveysDueAtOnceOnOneNodeThenOnTwoNodesSharingTheDatabase() throws Exception {
    String url = System.getenv("DB_URL");
    assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "Needs a PostgreSQL database of its own "
        + "(DB_URL, DB_USER, DB_PASSWORD): two nodes cannot share H2, and the benchmark empties the database");
    db = new DrillDatabase(url, System.getenv().getOrDefault("DB_USER", "baton"),
        System.getenv().getOrDefault("DB_PASSWORD", ""));

    Storm one = storm(1);
    System.out.println(describe(one));
    Storm two = storm(2);
    System.out.println(describe(two));

    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("""

        ==== TwoNodeSurveyBenchmark: %d accounts, 90-day survey due at the same moment, PostgreSQL shared ====
        database:            %s (emptied before each storm)
        machine:             %d cores shared by the nodes, PostgreSQL, GreenMail and this JVM
        %s
        %s
        speed-up, two nodes: %.2f x wall-clock (%.1f s -> %.1f s)
        CPU per survey:      one node %.1f ms (nodes) + %.1f ms (PostgreSQL); two nodes %.1f ms + %.1f ms
        on cores of their own (each node 2 cores, PostgreSQL 2 cores; from the CPU measured):
                             one node %.1f s (%.0f mails/s), two nodes %.1f s (%.0f mails/s): %.2f x
        ==================================================================================================
        %n""", ACCOUNTS, url.replaceAll("\\?.*", ""), cores, describe(one), describe(two),
        one.drained().toMillis() / (double) two.drained().toMillis(),
        one.drained().toMillis() / 1000.0, two.drained().toMillis() / 1000.0,
        one.nodesCpu() * 1000 / ACCOUNTS, one.databaseCpu() * 1000 / ACCOUNTS,
        two.nodesCpu() * 1000 / ACCOUNTS, two.databaseCpu() * 1000 / ACCOUNTS,
        one.onOwnCores(1, 2, 2), ACCOUNTS / one.onOwnCores(1, 2, 2),
        two.onOwnCores(2, 2, 2), ACCOUNTS / two.onOwnCores(2, 2, 2),
        one.onOwnCores(1, 2, 2) / two.onOwnCores(2, 2, 2));
  }

  private static String describe(Storm storm) {
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < storm.nodes(); i++) {
      nodes.append(String.format("%s%s %.1f s CPU, %d mails", i == 0 ? "" : "; ", (char) ('A' + i),
          storm.nodeCpu()[i], storm.nodeSent()[i]));
    }
    return String.format("""
        -- %d node%s --
          set-up (not timed):  %.1f s (fresh database, %d instances waiting at the 90-day timer, timers suspended)
          all delivered:       %.1f s after the timers were activated: %.1f mails/s (one job per survey: its timer; the mail goes out after that job commits)
          CPU meanwhile:       nodes %.1f s (%s): %.1f ms per survey
                               PostgreSQL %.1f s (this database's backends %.1f s, server-wide background %.1f s): %.1f ms per survey
          load average:        up to %.1f during the storm (%.1f at its end)""",
        storm.nodes(), storm.nodes() == 1 ? "" : "s", storm.setup().toMillis() / 1000.0, ACCOUNTS,
        storm.drained().toMillis() / 1000.0, storm.mailsPerSecond(),
        storm.nodesCpu(), nodes, storm.nodesCpu() * 1000 / ACCOUNTS,
        storm.databaseCpu(), storm.backendCpu(), storm.serverCpu(), storm.databaseCpu() * 1000 / ACCOUNTS,
        storm.maxLoad(), storm.loadAtEnd());
  }

  /** One storm on a fresh database with this many nodes. */
  private Storm storm(int nodeCount) throws Exception {
    long setupStart = System.nanoTime();
    db.empty();
    LocalDate renewal = LocalDate.now(ZoneOffset.UTC).plusDays(89);
    GreenMail smtp = TestMailServer.forBenchmark();
    List<AppProcess> nodes = new ArrayList<>();
    try {
      prepare(renewal, nodeCount);
      Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);

      String[] args = nodeArguments(true, smtp.getSmtp().getPort());
      for (int i = 0; i < nodeCount; i++) {
        nodes.add(AppProcess.launch("twonode-survey-" + nodeCount + "-" + (char) ('a' + i), JVM, "test", args));
      }
      for (AppProcess node : nodes) {
        node.awaitStarted(Duration.ofSeconds(300));
      }

      double[] cpuBefore = nodes.stream().mapToDouble(node -> cpuSeconds(node.pid())).toArray();
      Map<Long, Double> backendsBefore = cpuOf(databasePids(true));
      Map<Long, Double> serverBefore = cpuOf(databasePids(false));
      double maxLoad = loadAverage();
      long start = System.nanoTime();
      setTimersSuspended(nodes.get(0), false);
      long lastReport = start;
      Duration drained;
      while (true) {
        // GreenMail counts deliveries as they come; copying every message to count them would eat the CPU measured.
        if (smtp.waitForIncomingEmail(1000, ACCOUNTS)) {
          drained = Duration.ofNanos(System.nanoTime() - start);
          break;
        }
        maxLoad = Math.max(maxLoad, loadAverage());
        if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
          throw new AssertionError("Only " + smtp.getReceivedMessages().length + " of " + ACCOUNTS
              + " surveys delivered after 30 minutes on " + nodeCount + " node(s)");
        }
        if (System.nanoTime() - lastReport > Duration.ofSeconds(15).toNanos()) {
          lastReport = System.nanoTime();
          System.out.printf("  ... %d node(s), %5.1f s: %s surveys sent%n", nodeCount, (lastReport - start) / 1e9,
              nodes.stream().map(node -> String.valueOf(sent(node))).toList());
        }
      }
      double[] nodeCpu = new double[nodeCount];
      for (int i = 0; i < nodeCount; i++) {
        nodeCpu[i] = cpuSeconds(nodes.get(i).pid()) - cpuBefore[i];
      }
      double backendCpu = cpuSince(backendsBefore, databasePids(true));
      double serverCpu = cpuSince(serverBefore, databasePids(false));
      double loadAtEnd = loadAverage();
      maxLoad = Math.max(maxLoad, loadAtEnd);

      awaitSurveysRecorded(Duration.ofSeconds(120));
      long[] nodeSent = nodes.stream().mapToLong(TwoNodeSurveyBenchmark::sent).toArray();
      everySurveyArrivedOnce(smtp);
      assertThat(db.count("select count(*) from act_ru_incident")).as("incidents").isZero();
      return new Storm(nodeCount, drained, nodeCpu, nodeSent, backendCpu, serverCpu, maxLoad, loadAtEnd, setup);
    } finally {
      for (AppProcess node : nodes) {
        node.close();
      }
      smtp.stop();
    }
  }

  private String[] nodeArguments(boolean jobExecutor, int smtpPort) {
    return new String[] {"--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
        "--spring.datasource.password=" + db.password(), "--camunda.bpm.job-execution.enabled=" + jobExecutor,
        "--spring.mail.port=" + smtpPort, "--spring.mail.host=127.0.0.1",
        // Mails as production sends them (the test profile sends each through a Mail delivery process).
        "--baton.mail.send-at-once=true"};
  }

  /**
   * A node with its job executor off makes the schema; the accounts go straight into baton_account; each renewal
   * preparation is started at its survey timer (the reviews before it are not what is measured), then the timers
   * are suspended so that no storm node starts on them before the others are up.
   */
  private void prepare(LocalDate renewal, int nodeCount) throws Exception {
    try (AppProcess preparing = AppProcess.launch("twonode-survey-" + nodeCount + "-prepare", JVM, "test",
        nodeArguments(false, freePort()))) {
      preparing.awaitStarted(Duration.ofSeconds(300));
      insertAccounts(renewal);
      startAtSurveyTimer(preparing, renewal);
      setTimersSuspended(preparing, true);
      assertThat(db.count("select count(*) from act_ru_job where process_def_key_ = ? and suspension_state_ = 2",
          PROCESS)).as("survey timers waiting, suspended").isEqualTo(ACCOUNTS);
      assertThat(db.count("select count(*) from act_ru_job where suspension_state_ = 1 and duedate_ <= now()"))
          .as("other jobs due").isZero();
    }
  }

  private void insertAccounts(LocalDate renewal) throws SQLException {
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(
        "insert into baton_account (account_id, name, renewal_date, created_at, updated_at) values (?, ?, ?, ?, ?)")) {
      connection.setAutoCommit(false);
      for (int i = 0; i < ACCOUNTS; i++) {
        insert.setString(1, account(i));
        insert.setString(2, "Benchmark customer " + i);
        insert.setDate(3, Date.valueOf(renewal));
        insert.setTimestamp(4, now);
        insert.setTimestamp(5, now);
        insert.addBatch();
        if (i % 1000 == 999) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
      connection.commit();
    }
  }

  /** Through the REST API, as Camunda's start with instructions ({@code startBeforeActivity}), four calls at a time. */
  private void startAtSurveyTimer(AppProcess node, LocalDate renewal) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> parts = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      parts.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < ACCOUNTS; i = next.getAndIncrement()) {
          Map<String, Object> variables = new HashMap<>();
          variables.put("accountId", text(account(i)));
          variables.put("accountName", text("Benchmark customer " + i));
          variables.put("renewalDate", text(renewal.toString()));
          variables.put("nextRenewalDate", text(renewal.plusYears(1).toString()));
          variables.put("decisionMakerName", text("Decider " + i));
          variables.put("decisionMakerEmail", text(decisionMaker(i)));
          HttpResponse<String> answer = send(node, "POST", "/engine-rest/process-definition/key/" + PROCESS + "/start",
              Map.of("businessKey", account(i), "variables", variables,
                  "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Event_SurveyDue"))));
          if (answer.statusCode() != 200) {
            throw new IllegalStateException("Start of " + account(i) + ": " + answer.statusCode() + " " + answer.body());
          }
        }
        return null;
      }));
    }
    try {
      for (Future<?> part : parts) {
        part.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Suspends or activates the renewal preparation's job definitions and their jobs: the survey timers. */
  private void setTimersSuspended(AppProcess node, boolean suspended) throws Exception {
    HttpResponse<String> answer = send(node, "PUT", "/engine-rest/job-definition/suspended",
        Map.of("processDefinitionKey", PROCESS, "suspended", suspended, "includeJobs", true));
    if (answer.statusCode() != 204) {
      throw new IllegalStateException("Suspension " + suspended + ": " + answer.statusCode() + " " + answer.body());
    }
  }

  private HttpResponse<String> send(AppProcess node, String method, String path, Object body)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(ADMIN.getBytes()))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until every survey's mail delivery has ended and every preparation waits for its answer. */
  private void awaitSurveysRecorded(Duration timeout) throws Exception {
    Instant giveUp = Instant.now().plus(timeout);
    while (db.count("select count(*) from baton_mail where sent_at is null") > 0
        || db.count("select count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_ "
        + "where d.key_ = 'MailDelivery'") > 0) {
      if (Instant.now().isAfter(giveUp)) {
        throw new AssertionError("Mail deliveries still running " + timeout.toSeconds() + " s after the last survey");
      }
      Thread.sleep(250);
    }
    assertThat(db.count("select count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_ "
        + "where d.key_ = ? and e.act_id_ = 'Task_AwaitAnswer'", PROCESS)).as("preparations awaiting the answer")
        .isEqualTo(ACCOUNTS);
  }

  /** Every decision maker got a survey, and each delivery reached SMTP once (one message, one Message-ID). */
  private void everySurveyArrivedOnce(GreenMail smtp) throws Exception {
    MimeMessage[] messages = smtp.getReceivedMessages();
    Set<String> messageIds = new HashSet<>();
    Set<String> deliveries = new HashSet<>();
    Set<String> recipients = new HashSet<>();
    for (MimeMessage message : messages) {
      assertThat(message.getHeader("X-Baton-Mail-Kind")).containsExactly("renewal-survey");
      messageIds.add(message.getMessageID());
      deliveries.add(message.getHeader("X-Baton-Delivery")[0]);
      for (Address to : message.getAllRecipients()) {
        recipients.add(((InternetAddress) to).getAddress());
      }
    }
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      expected.add(decisionMaker(i));
    }
    assertThat(messages).as("surveys received").hasSize(ACCOUNTS);
    assertThat(messageIds).as("distinct Message-IDs").hasSize(ACCOUNTS);
    assertThat(deliveries).as("distinct deliveries").hasSize(ACCOUNTS);
    assertThat(recipients).isEqualTo(expected);
  }

  private static Map<String, Object> text(String value) {
    return Map.of("value", value, "type", "String");
  }

  private static String account(int i) {
    return "survey-" + i;
  }

  private static String decisionMaker(int i) {
    return "decider" + i + "@customer" + (i % 100) + ".test";
  }

  /** Mails the node's log says it sent. */
  private static long sent(AppProcess node) {
    return node.output().lines().filter(line -> line.contains("Sent 'renewal-survey'")).count();
  }

  /**
   * PostgreSQL processes: the client backends serving this database (the nodes' pools), or else the server's own
   * background processes (postmaster, WAL writer, checkpointer, ...), which serve every database of the server.
   * The background ones are found in /proc, as children of the postmaster: pg_stat_activity shows them only to
   * a superuser.
   */
  private List<Long> databasePids(boolean backends) throws SQLException {
    List<Long> pids = new ArrayList<>();
    try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(backends
        ? "select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend' "
            + "and pid <> pg_backend_pid()"
        : "select pg_backend_pid()"); ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        pids.add(rows.getLong(1));
      }
    }
    return backends ? pids : serverProcesses(parentOf(pids.get(0)));
  }

  private static final Pattern SERVER_PROCESS =
      Pattern.compile("postgres: (checkpointer|background writer|walwriter|autovacuum launcher|logical replication launcher).*");

  private static List<Long> serverProcesses(long postmaster) {
    List<Long> pids = new ArrayList<>(List.of(postmaster));
    try (var entries = Files.list(Path.of("/proc"))) {
      entries.map(entry -> entry.getFileName().toString()).filter(name -> name.matches("\\d+")).map(Long::valueOf)
          .filter(pid -> parentOf(pid) == postmaster && SERVER_PROCESS.matcher(commandLine(pid)).matches())
          .forEach(pids::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pids;
  }

  private static long parentOf(long pid) {
    String[] fields = stat(pid);
    return fields == null ? -1 : Long.parseLong(fields[1]);
  }

  private static String commandLine(long pid) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ').trim();
    } catch (IOException gone) {
      return "";
    }
  }

  private static Map<Long, Double> cpuOf(List<Long> pids) {
    Map<Long, Double> cpu = new HashMap<>();
    pids.forEach(pid -> cpu.put(pid, cpuSeconds(pid)));
    return cpu;
  }

  /** CPU the processes used since the first reading (a process seen only now counts from its start). */
  private static double cpuSince(Map<Long, Double> before, List<Long> pidsNow) {
    double sum = 0;
    for (long pid : pidsNow) {
      sum += cpuSeconds(pid) - before.getOrDefault(pid, 0.0);
    }
    return sum;
  }

  /** User + system CPU of a process from /proc/<pid>/stat (fields 14 and 15, in clock ticks); 0 once it is gone. */
  static double cpuSeconds(long pid) {
    String[] fields = stat(pid);
    return fields == null ? 0 : (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
  }

  /** The fields of /proc/<pid>/stat after the command name, from the state (the line's third field) on; null once gone. */
  private static String[] stat(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException gone) {
      return null;
    }
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException e) {
      return -1;
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(db.url(), db.user(), db.password());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
