package dev.baton.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.baton.drills.DrillDatabase.LockedJob;
import dev.baton.support.AppProcess;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The two-node drill, the way Camunda 7 scales out: a homogeneous cluster, two Baton JVMs with
 * the same models and settings on one PostgreSQL database, each with its job executor on. Both start at
 * the same moment on an empty database; signed "deal won" webhooks are spread over both, the same event
 * often delivered to both at once; node A is killed with SIGKILL while it holds job locks, and node B
 * carries on: it takes A's jobs once their locks expire and finishes all the work. Every deal has one
 * handoff, every timer fired once, every mail went out once (a mail A had handed to SMTP before its job
 * could commit goes out again from B, with the same Message-ID, which mail systems treat as one message).
 *
 * <p>Needs a PostgreSQL database of its own, which it empties first: DRILL_DB_URL, DRILL_DB_USER,
 * DRILL_DB_PASSWORD (.ci/run creates {@code baton_drill}). Not the suite's database: the nodes' job
 * executors would run the jobs the suite's tests run themselves, and the drill would count the suite's
 * data. Skipped without one (an H2 database belongs to one process), except in CI's PostgreSQL run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesDrillTest {

  static final String ADMIN = "demo:demo";
  /**
   * The nodes' job lock time. Jobs a dead node had locked wait for it to run out (5 minutes as
   * configured) before another node takes them; 15 s keeps the drill short without changing what it shows.
   */
  static final Duration LOCK_TIME = Duration.ofSeconds(15);
  /** Deals each delivered to both nodes at the same moment. */
  static final int TO_BOTH_AT_ONCE = 12;
  /** Accounts that win two deals at once, one arriving at each node. */
  static final int SHARED_ACCOUNTS = 3;
  /** Deals sent to node B after the kill, each twice at once. */
  static final int AFTER_KILL = 6;
  /** Mail job threads of a node (camunda.bpm.job-execution.max-pool-size): at most this many mails in flight at the kill. */
  static final int JOB_THREADS = 6;
  private static final Pattern LOCK_OWNER = Pattern.compile("Jobs this node locks are marked '([^']+)'");

  final Instant began = Instant.now();
  final ExecutorService deals = Executors.newFixedThreadPool(4);
  final ExecutorService senders = Executors.newCachedThreadPool();
  /** Business key of each deal to the statuses its deliveries got (0: no answer). */
  final Map<String, List<Integer>> answers = new ConcurrentHashMap<>();
  final Set<String> accounts = ConcurrentHashMap.newKeySet();
  DrillDatabase db;
  GreenMail smtp;
  AppProcess nodeA;
  AppProcess nodeB;
  String ownerA;
  Duration startedIn;
  List<LockedJob> lockedAtKill = List.of();

  @BeforeAll
  void startTwoNodesAtOnceOnAnEmptyDatabase() throws Exception {
    db = DrillDatabase.fromEnvironment();
    if (db == null && "true".equals(System.getenv("CI")) && System.getProperty("baton.test.db.url") != null) {
      fail("CI's PostgreSQL run must run the two-node drill: set DRILL_DB_URL, DRILL_DB_USER and DRILL_DB_PASSWORD "
          + "to a database of its own (.ci/run creates baton_drill)");
    }
    if (db == null) {
      return;
    }
    db.empty();
    smtp = new GreenMail(new ServerSetup(freePort(), "localhost", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
    String[] args = {"--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
        "--spring.datasource.password=" + db.password(), "--spring.datasource.hikari.maximum-pool-size=12",
        "--camunda.bpm.job-execution.enabled=true",
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
        "--spring.mail.port=" + smtp.getSmtp().getPort()};
    Instant start = Instant.now();
    nodeA = AppProcess.launch("two-nodes-a", args);
    nodeB = AppProcess.launch("two-nodes-b", args);
    nodeA.awaitStarted(Duration.ofSeconds(240));
    nodeB.awaitStarted(Duration.ofSeconds(240));
    startedIn = Duration.between(start, Instant.now());
    ownerA = lockOwner(nodeA);
  }

  @BeforeEach
  void needsItsOwnPostgreSql() {
    assumeTrue(db != null, "Two nodes need a shared PostgreSQL database: set DRILL_DB_URL, DRILL_DB_USER, "
        + "DRILL_DB_PASSWORD to a database of the drill's own (it is emptied)");
  }

  @AfterAll
  void stop() throws Exception {
    for (AppProcess node : new AppProcess[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
    if (smtp != null) {
      smtp.stop();
    }
    deals.shutdownNow();
    senders.shutdownNow();
  }

  @Test
  @Order(1)
  void bothNodesStartTogetherOnAnEmptyDatabaseAndSetItUpOnce() throws Exception {
    // One deployment, one version of each model: the second node found the first one's and changed nothing.
    assertThat(db.count("select count(*) from act_re_deployment")).isEqualTo(1);
    long models;
    try (var files = Files.list(Path.of("processes"))) {
      models = files.filter(f -> f.toString().endsWith(".bpmn")).count();
    }
    assertThat(db.count("select count(*) from act_re_procdef where version_ = 1")).isEqualTo(models);
    assertThat(db.count("select count(*) from act_re_procdef where version_ > 1")).isZero();
    assertThat(db.count("select count(*) from act_re_decision_def where version_ > 1")).isZero();
    // Tasklist filters have no unique key: two nodes creating them at once would leave two of each.
    Map<String, Long> filters = db.counts("select name_, count(*) from act_ru_filter group by name_");
    assertThat(filters).isNotEmpty().allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1));
    assertThat(List.of(nodeA.output(), nodeB.output())).filteredOn(log -> log.contains("Deployed ")).hasSize(1);
    assertThat(List.of(nodeA.output(), nodeB.output()))
        .filteredOn(log -> log.contains("Process models unchanged")).hasSize(1);
    assertThat(ownerA).endsWith(":" + nodeA.port() + "/" + nodeA.pid());
    System.out.printf("Two-node drill: both nodes started in %d s on an empty database (%s)%n",
        startedIn.toSeconds(), nodeA.output().contains("Another node is starting") ? "A waited for B's start-up"
            : nodeB.output().contains("Another node is starting") ? "B waited for A's start-up" : "one after the other");
  }

  @Test
  @Order(2)
  void aDealDeliveredToBothNodesAtOnceStartsOneHandoff() throws Exception {
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < TO_BOTH_AT_ONCE; i++) {
      String deal = "both-" + i;
      calls.add(deals.submit(() -> deliverAtOnce(deal, "acct-" + deal, nodeA, nodeB)));
    }
    for (int i = 0; i < SHARED_ACCOUNTS; i++) {
      String account = "acct-shared-" + i;
      calls.add(deals.submit(() -> twoDealsAtOnce(account)));
    }
    for (Future<?> call : calls) {
      call.get(120, TimeUnit.SECONDS);
    }

    for (int i = 0; i < TO_BOTH_AT_ONCE; i++) {
      List<Integer> statuses = answers.get(key("both-" + i));
      assertThat(statuses).as("answers to both-%d", i).hasSize(2).allMatch(status -> status / 100 == 2)
          .containsOnlyOnce(201);
    }
    assertThat(answers).allSatisfy((deal, statuses) -> assertThat(statuses).as(deal).contains(201));
    assertThat(handoffsByDeal()).containsOnlyKeys(answers.keySet()).allSatisfy((deal, count) ->
        assertThat(count).as("handoffs of %s", deal).isEqualTo(1));
    // Both nodes' job executors share the work these deals started (timers due at once, mails).
    awaitAllWorkDone(Duration.ofSeconds(120));
    System.out.printf("Two-node drill: %d deals, %d of them delivered to both nodes at once: one handoff each; "
        + "mails sent so far by node A %d, by node B %d%n", answers.size(), TO_BOTH_AT_ONCE, sent(nodeA), sent(nodeB));
  }

  @Test
  @Order(3)
  void whenOneNodeIsKilledMidWorkTheOtherTakesItsJobsOnceTheirLocksExpire() throws Exception {
    // Node A takes new deals, four at a time, and works on their jobs; it dies while it holds some of them.
    List<Future<?>> toA = new ArrayList<>();
    Instant giveUp = Instant.now().plusSeconds(120);
    while (true) {
      // Several locks at once, so that some are still held a moment later, when the kill lands.
      if (db.lockedBy(ownerA).size() >= 3) {
        break;
      }
      if (toA.stream().allMatch(Future::isDone)) {
        // More work for A until it is caught holding locks.
        for (int i = 0; i < 4; i++) {
          String deal = "killed-" + toA.size();
          accounts.add("acct-" + deal);
          toA.add(deals.submit(() -> record(deal, DealWonWebhook.post(nodeA.port(), deal, "acct-" + deal))));
        }
      }
      if (Instant.now().isAfter(giveUp)) {
        fail("Node A never held job locks while it worked: nothing to show");
      }
      Thread.sleep(10);
    }
    nodeA.kill();
    Instant killedAt = Instant.now();
    for (Future<?> call : toA) {
      call.get(60, TimeUnit.SECONDS);
    }
    lockedAtKill = db.lockedBy(ownerA);
    assertThat(lockedAtKill).as("jobs node A had locked when it died").isNotEmpty();

    // Node B carries on: deals the CRM could not deliver to A are resent to B, new deals arrive at B.
    for (String deal : answers.keySet()) {
      if (answers.get(deal).stream().noneMatch(status -> status / 100 == 2)) {
        String dealId = deal.substring(deal.indexOf(':') + 1);
        record(dealId, DealWonWebhook.post(nodeB.port(), dealId, "acct-" + dealId));
      }
    }
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < AFTER_KILL; i++) {
      String deal = "after-" + i;
      calls.add(deals.submit(() -> deliverAtOnce(deal, "acct-" + deal, nodeB, nodeB)));
    }
    for (Future<?> call : calls) {
      call.get(120, TimeUnit.SECONDS);
    }

    // The dead node's jobs stay locked until their locks run out, then node B runs them.
    Map<String, Instant> released = awaitReleased(lockedAtKill, LOCK_TIME.plusSeconds(90));
    for (LockedJob job : lockedAtKill) {
      assertThat(released.get(job.id())).as("job %s (%s) left node A's lock", job.id(), job.processDefinitionKey())
          .isAfterOrEqualTo(job.lockExpires().minusSeconds(1));
    }
    awaitAllWorkDone(Duration.ofSeconds(120));
    assertThat(answers).allSatisfy((deal, statuses) -> assertThat(statuses).as(deal).anyMatch(s -> s / 100 == 2));
    assertThat(handoffsByDeal()).containsOnlyKeys(answers.keySet()).allSatisfy((deal, count) ->
        assertThat(count).as("handoffs of %s", deal).isEqualTo(1));
    System.out.printf("Two-node drill: node A killed holding %d job locks (%s); node B took them %d-%d s after the "
            + "kill, when their locks ran out%n", lockedAtKill.size(),
        lockedAtKill.stream().collect(Collectors.groupingBy(LockedJob::processDefinitionKey, TreeMap::new,
            Collectors.counting())),
        lockedAtKill.stream().mapToLong(j -> Duration.between(killedAt, released.get(j.id())).toSeconds()).min().orElse(0),
        lockedAtKill.stream().mapToLong(j -> Duration.between(killedAt, released.get(j.id())).toSeconds()).max().orElse(0));
  }

  @Test
  @Order(4)
  void everyTimerFiredOnceAndEveryMailWentOutOnce() throws Exception {
    long handoffs = answers.size();
    // The handoff SLA (passed at once): one boundary timer firing and one CS Lead notice per handoff.
    assertThat(perHandoff("Event_SlaBreached")).hasSize((int) handoffs).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(perHandoff("Task_NotifySlaBreach")).hasSize((int) handoffs).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    // One renewal preparation per account, also for accounts whose two deals were handed off on two nodes at
    // once; its 120-day timer (passed at once) fired once, opening one internal review.
    assertThat(db.counts("select business_key_, count(*) from act_hi_procinst where proc_def_key_ = 'RenewalPreparation' "
        + "group by business_key_")).containsOnlyKeys(accounts).allSatisfy((account, n) -> assertThat(n).as(account).isEqualTo(1));
    assertThat(perRenewal("Event_ReviewDue")).hasSize(accounts.size()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(perInstance("RenewalPreparation", "Task_InternalAccountReview", false)).hasSize(accounts.size())
        .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(db.count("select count(*) from act_ru_incident")).as("incidents").isZero();

    // Every queued mail was delivered, each delivery under one Message-ID. SMTP cannot be undone: a mail
    // node A had handed to the server before its job committed is sent again by B, with the same Message-ID.
    // GreenMail keeps one copy per recipient: a delivery to three people sent once is three messages.
    Map<String, Set<String>> messageIds = new HashMap<>();
    Map<String, Integer> copies = new HashMap<>();
    Map<String, Integer> recipients = new HashMap<>();
    Map<String, String> kinds = new HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      String delivery = header(message, "X-Baton-Delivery");
      messageIds.computeIfAbsent(delivery, id -> new HashSet<>()).add(message.getMessageID());
      copies.merge(delivery, 1, Integer::sum);
      recipients.put(delivery, message.getAllRecipients().length);
      kinds.put(delivery, header(message, "X-Baton-Mail-Kind"));
    }
    Map<String, Integer> sends = new HashMap<>();
    copies.forEach((delivery, n) -> sends.put(delivery, n / recipients.get(delivery)));
    assertThat(copies).allSatisfy((delivery, n) -> assertThat(n % recipients.get(delivery)).isZero());
    Set<String> queued = new HashSet<>(db.counts("select id_, 1 from act_hi_procinst where proc_def_key_ = 'MailDelivery' "
        + "and end_time_ is not null").keySet());
    assertThat(db.count("select count(*) from act_hi_procinst where proc_def_key_ = 'MailDelivery' and end_time_ is null"))
        .as("mails still queued").isZero();
    assertThat(messageIds.keySet()).isEqualTo(queued);
    assertThat(messageIds).allSatisfy((delivery, ids) -> assertThat(ids).containsExactly("<" + delivery + "@baton>"));
    Set<String> mailJobsOfA = lockedAtKill.stream().filter(j -> "MailDelivery".equals(j.processDefinitionKey()))
        .map(LockedJob::processInstanceId).collect(Collectors.toSet());
    Map<String, Integer> resent = sends.entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(resent.keySet()).as("mails sent twice: only those node A was sending when it died")
        .isSubsetOf(mailJobsOfA);
    assertThat(resent.values()).allMatch(n -> n == 2);
    assertThat(resent).hasSizeLessThanOrEqualTo(JOB_THREADS);
    assertThat(kinds.values().stream().filter("handoff-sla-breached"::equals).count()).isEqualTo(handoffs);

    System.out.printf("""
        Two-node drill: %d webhook calls for %d deals (%d accounts): %d handoffs, each with one SLA timer fired; \
        %d renewal preparations, each 120-day timer fired once; %d mails delivered (%d by node A before the kill, \
        %d by node B), %d resent after the kill with the same Message-ID; %d s in all%n""",
        answers.values().stream().mapToInt(List::size).sum(), handoffs, accounts.size(), handoffsByDeal().size(),
        perRenewal("Event_ReviewDue").size(), messageIds.size(), sent(nodeA), sent(nodeB), resent.size(),
        Duration.between(began, Instant.now()).toSeconds());
  }

  /** Posts one event to each node at the same moment. */
  private void deliverAtOnce(String deal, String account, AppProcess... nodes) {
    accounts.add(account);
    CyclicBarrier together = new CyclicBarrier(nodes.length);
    List<CompletableFuture<Integer>> posts = Arrays.stream(nodes).map(node -> CompletableFuture.supplyAsync(() -> {
      await(together);
      return DealWonWebhook.post(node.port(), deal, account);
    }, senders)).toList();
    posts.forEach(post -> record(deal, post.join()));
  }

  /** Two deals of one account, won at the same moment, one arriving at each node. */
  private void twoDealsAtOnce(String account) {
    accounts.add(account);
    CyclicBarrier together = new CyclicBarrier(2);
    List<CompletableFuture<Void>> posts = IntStream.range(0, 2).mapToObj(i -> CompletableFuture.runAsync(() -> {
      String deal = account.replace("acct-", "") + "-" + (i == 0 ? "a" : "b");
      await(together);
      record(deal, DealWonWebhook.post((i == 0 ? nodeA : nodeB).port(), deal, account));
    }, senders)).toList();
    posts.forEach(CompletableFuture::join);
  }

  private void record(String deal, int status) {
    answers.computeIfAbsent(key(deal), k -> Collections.synchronizedList(new ArrayList<>())).add(status);
  }

  private static String key(String deal) {
    return "zoho:" + deal;
  }

  private Map<String, Long> handoffsByDeal() throws Exception {
    return db.counts("select business_key_, count(*) from act_hi_procinst where proc_def_key_ = 'SalesToCsHandoff' "
        + "group by business_key_");
  }

  /** Per handoff instance: how often the activity ran. */
  private Map<String, Long> perHandoff(String activity) throws Exception {
    return perInstance("SalesToCsHandoff", activity, true);
  }

  private Map<String, Long> perRenewal(String activity) throws Exception {
    return perInstance("RenewalPreparation", activity, true);
  }

  /** Runs of the activity (finished ones, or all) per instance of the process; instances without one are left out. */
  private Map<String, Long> perInstance(String process, String activity, boolean finished) throws Exception {
    return db.counts("select proc_inst_id_, count(*) from act_hi_actinst where proc_def_key_ = '" + process
        + "' and act_id_ = '" + activity + "'" + (finished ? " and end_time_ is not null" : "") + " group by proc_inst_id_");
  }

  /** Waits until none of the jobs is locked by node A any more; returns when each left its lock. */
  private Map<String, Instant> awaitReleased(List<LockedJob> jobs, Duration timeout) throws Exception {
    Map<String, Instant> released = new HashMap<>();
    Instant giveUp = Instant.now().plus(timeout);
    while (released.size() < jobs.size()) {
      Set<String> stillLocked = db.lockedBy(ownerA).stream().map(LockedJob::id).collect(Collectors.toSet());
      Instant now = Instant.now();
      jobs.stream().map(LockedJob::id).filter(id -> !stillLocked.contains(id)).forEach(id -> released.putIfAbsent(id, now));
      if (now.isAfter(giveUp)) {
        fail("Node A's jobs still locked " + timeout.toSeconds() + " s after the kill: " + stillLocked);
      }
      Thread.sleep(250);
    }
    return released;
  }

  /** Waits until no job is due or running and no mail is queued. */
  private void awaitAllWorkDone(Duration timeout) throws Exception {
    Instant giveUp = Instant.now().plus(timeout);
    while (db.count("select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <= now())") > 0
        || db.count("select count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_ "
            + "where d.key_ = 'MailDelivery'") > 0) {
      if (Instant.now().isAfter(giveUp)) {
        fail("Work still due " + timeout.toSeconds() + " s after the last webhook: "
            + nodeB.get("/engine-rest/job?executable=true", ADMIN).body());
      }
      Thread.sleep(500);
    }
  }

  /** Mails the node's log says it sent. */
  private static long sent(AppProcess node) {
    return node.output().lines().filter(line -> line.contains("Sent '")).count();
  }

  private static String lockOwner(AppProcess node) {
    Matcher owner = LOCK_OWNER.matcher(node.output());
    if (!owner.find()) {
      throw new IllegalStateException("The node did not log its job lock owner:\n" + node.output());
    }
    return owner.group(1);
  }

  private static String header(MimeMessage message, String name) throws MessagingException {
    String[] values = message.getHeader(name);
    return values == null ? null : values[0];
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
