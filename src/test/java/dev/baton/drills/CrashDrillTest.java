package dev.baton.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.baton.crm.BatonSignature;
import dev.baton.support.AppProcess;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The crash drill: while signed webhooks arrive at a steady rate, Baton is killed with
 * SIGKILL and started again on the same database. Every webhook answered 2xx has exactly one handoff;
 * no failed or unanswered one left a half-started handoff; the work due during the downtime (the
 * handoffs' asynchronous steps, the queued mails) runs after the restart. Jobs the dead node had
 * locked run once their lock expires (camunda.bpm.job-execution.lock-time-in-millis).
 */
class CrashDrillTest {

  static final String SECRET = "test-crm-webhook-secret";
  static final String ADMIN = "demo:demo";

  @Test
  void killedWhileWebhooksArriveBatonLosesAndDuplicatesNothing() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "localhost", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
    String database = AppProcess.fileDatabase("crash");
    String[] args = {"--spring.datasource.url=" + database, "--camunda.bpm.job-execution.enabled=true",
        "--spring.mail.port=" + smtp.getSmtp().getPort(),
        // Jobs the killed node had locked wait for their lock to expire (5 minutes by default) before
        // another start takes them; 30 s keeps the drill short without changing what it shows.
        "--camunda.bpm.job-execution.lock-time-in-millis=30000"};
    Map<String, Integer> answers = new ConcurrentHashMap<>();
    AtomicInteger port = new AtomicInteger();
    AtomicBoolean sending = new AtomicBoolean(true);
    Thread sender = new Thread(() -> send(port, answers, sending), "webhook-sender");
    try {
      AppProcess first = AppProcess.launch("crash-1", args).awaitStarted(Duration.ofSeconds(180));
      port.set(first.port());
      sender.start();
      awaitAnswered(answers, 40, Duration.ofSeconds(120));
      first.kill();
      int answeredBeforeKill = answers.size();
      Thread.sleep(1500);

      try (AppProcess second = AppProcess.launch("crash-2", args).awaitStarted(Duration.ofSeconds(180))) {
        port.set(second.port());
        awaitAnswered(answers, answeredBeforeKill + 20, Duration.ofSeconds(120));
        sending.set(false);
        sender.join();

        List<String> created = answers.entrySet().stream().filter(e -> e.getValue() / 100 == 2).map(Map.Entry::getKey).toList();
        List<String> failed = answers.entrySet().stream().filter(e -> e.getValue() / 100 != 2).map(Map.Entry::getKey).toList();
        System.out.printf("Crash drill: %d webhooks answered 2xx, %d failed or unanswered (around the kill)%n",
            created.size(), failed.size());
        assertThat(created).hasSizeGreaterThan(40);
        for (String deal : created) {
          assertThat(handoffs(second, deal)).as("handoffs of %s (answered 2xx)", deal).isEqualTo(1);
        }
        for (String deal : failed) {
          long count = handoffs(second, deal);
          assertThat(count).as("handoffs of %s (no 2xx)", deal).isLessThanOrEqualTo(1);
          if (count == 1) {
            // Committed before the kill, answer lost: a complete instance, and a resend finds it.
            assertThat(post(second.port(), deal).statusCode()).isEqualTo(200);
          }
        }
        // The asynchronous steps due during the downtime ran after the restart, once: each handoff
        // waits at its checklist with exactly one task, and each queued mail was delivered once.
        awaitNoJobsDue(second, Duration.ofSeconds(240));
        long instances = count(second, "/engine-rest/process-instance/count?processDefinitionKey=SalesToCsHandoff");
        long checklists = count(second, "/engine-rest/task/count?taskDefinitionKey=Task_CompleteChecklist");
        assertThat(checklists).isEqualTo(instances);
        // Each queued mail was delivered: none lost. SMTP cannot be undone, so a mail the killed node had
        // handed to the server before its job committed goes out again after the restart, with the same
        // Message-ID (one mail to the reader): at most one per job executor thread busy at the kill.
        Map<String, Set<String>> messageIds = new java.util.HashMap<>();
        int received = 0;
        for (MimeMessage message : smtp.getReceivedMessages()) {
          received++;
          messageIds.computeIfAbsent(message.getHeader("X-Baton-Delivery")[0], id -> new HashSet<>())
              .add(message.getMessageID());
        }
        long queued = count(second, "/engine-rest/history/process-instance/count?processDefinitionKey=MailDelivery&finished=true");
        assertThat(messageIds).hasSize((int) queued);
        assertThat(messageIds.values()).allMatch(ids -> ids.size() == 1);
        assertThat(received - messageIds.size()).isLessThanOrEqualTo(6);
        System.out.printf("Crash drill: %d handoffs waiting at their checklist; %d mails delivered, %d resent after "
            + "the kill with the same Message-ID%n", checklists, messageIds.size(), received - messageIds.size());
      }
    } finally {
      sending.set(false);
      smtp.stop();
    }
  }

  /** About 20 signed "deal won" calls a second, each for a new deal, to whichever Baton is up. */
  private static void send(AtomicInteger port, Map<String, Integer> answers, AtomicBoolean sending) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    int n = 0;
    while (sending.get()) {
      String deal = "crash-" + (n++);
      try {
        answers.put(deal, post(http, port.get(), deal).statusCode());
      } catch (Exception noAnswer) {
        answers.put(deal, 0);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static HttpResponse<String> post(int port, String deal) throws Exception {
    return post(HttpClient.newHttpClient(), port, deal);
  }

  private static HttpResponse<String> post(HttpClient http, int port, String deal) throws Exception {
    LocalDate today = LocalDate.now();
    String body = """
        {"crm": "zoho", "dealId": "%s", "accountId": "acct-%s", "accountName": "Crash Drill %s",
         "amount": 12000, "currency": "EUR", "closeDate": "%s", "contractStart": "%s", "contractEnd": "%s",
         "renewalDate": "%s", "ownerEmail": "sales-rep-demo@example.com",
         "contacts": [{"name": "Ann Buyer", "email": "ann@%s.example", "role": "champion"}]}"""
        .formatted(deal, deal, deal, today, today, today.plusYears(1).minusDays(1), today.plusYears(1), deal);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/webhooks/crm"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .header(BatonSignature.HEADER, BatonSignature.sign(SECRET, Instant.now().getEpochSecond(), bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long handoffs(AppProcess app, String deal) throws Exception {
    return count(app, "/engine-rest/history/process-instance/count?processDefinitionKey=SalesToCsHandoff"
        + "&processInstanceBusinessKey=zoho:" + deal);
  }

  private static void awaitNoJobsDue(AppProcess app, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (count(app, "/engine-rest/job/count?executable=true&withRetriesLeft=true") > 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Jobs still due after " + timeout + ": " + app.get("/engine-rest/job?executable=true", ADMIN).body());
      }
      Thread.sleep(1000);
    }
  }

  private static void awaitAnswered(Map<String, Integer> answers, int atLeast, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (answers.values().stream().filter(s -> s / 100 == 2).count() < atLeast && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
  }

  private static long count(AppProcess app, String path) throws Exception {
    return Long.parseLong(app.get(path, ADMIN).body().replaceAll("\\D", ""));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
