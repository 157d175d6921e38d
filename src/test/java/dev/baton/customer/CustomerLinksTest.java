package dev.baton.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.baton.customer.CustomerQuestion.Choice;
import dev.baton.support.BatonIntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customer links: made only for the mail being sent and stored as hashes; shown without effect, answered
 * once, and nothing for expired, tampered, made-up or reused ones.
 */
@BatonIntegrationTest
class CustomerLinksTest {

  static final CustomerQuestion RENEW = new CustomerQuestion("TestQuestionAnswered", "How likely are you to renew?",
      "One click is enough.", List.of(new Choice("not-likely", "Not likely"), new Choice("unsure", "Unsure"),
      new Choice("likely", "Likely")), true, Duration.ofDays(14));

  @LocalServerPort int port;
  @Autowired CustomerLinks links;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired RepositoryService repository;
  final HttpClient http = HttpClient.newHttpClient();
  @Autowired JdbcClient jdbc;
  @Autowired CustomerLinkProperties properties;
  ProcessInstance instance;
  AskedQuestion asked;
  Map<String, String> urls;

  @BeforeEach
  void ask() {
    repository.createDeployment().name("customer-question-test").enableDuplicateFiltering(true)
        .addClasspathResource("customer/CustomerQuestionTest.bpmn").deploy();
    String account = "links-" + UUID.randomUUID();
    instance = runtime.startProcessInstanceByKey("CustomerQuestionTest", account, Map.of("accountId", account));
    asked = links.ask(instance.getId(), account, RENEW);
    urls = links.mint(asked.id());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void oneLinkPerChoiceUnderThePublicUrlWithARandomTokenThatNamesNeitherQuestionNorAnswer() {
    assertThat(urls.keySet()).containsExactly("not-likely", "unsure", "likely");
    assertThat(urls.values()).allMatch(url -> url.matches("http://baton\\.test/customer/questions/[A-Za-z0-9_-]{43}"))
        .noneMatch(url -> url.contains(asked.id()) || url.contains("likely") || url.contains("unsure"));
    assertThat(Set.copyOf(links.mint(asked.id()).values())).doesNotContainAnyElementsOf(urls.values());
  }

  @Test
  void askingStoresNoLinkOnlyPlaceholdersForTheMailAndMintingStoresOnlyHashes() {
    assertThat(asked.placeholders()).containsExactly(entry("not-likely", "{{customer-link:not-likely}}"),
        entry("unsure", "{{customer-link:unsure}}"), entry("likely", "{{customer-link:likely}}"));
    assertThat(CustomerLinks.fillIn("Likely: " + asked.link("likely") + ", unsure: " + asked.link("unsure"), urls))
        .isEqualTo("Likely: " + urls.get("likely") + ", unsure: " + urls.get("unsure"));

    List<Map<String, Object>> hashes = jdbc.sql("select * from baton_customer_link where question_id = ?")
        .param(asked.id()).query().listOfRows();
    String question = jdbc.sql("select * from baton_customer_question where id = ?").param(asked.id()).query()
        .singleRow().toString();
    assertThat(hashes).hasSize(3);
    for (String url : urls.values()) {
      String tokenStart = url.substring(url.lastIndexOf('/') + 1).substring(0, 12);
      assertThat(hashes.toString()).doesNotContain(tokenStart);
      assertThat(question).doesNotContain(tokenStart);
    }
  }

  @Test
  void linksMintedForAnEarlierAttemptStillAnswerSoAMailResentAfterACrashWorksWhicheverCopyIsClicked() throws Exception {
    Map<String, String> resent = links.mint(asked.id());

    assertThat(post(urls.get("likely"), null).statusCode()).isEqualTo(200);
    assertThat(post(resent.get("likely"), null).statusCode()).isEqualTo(409);
    assertThat(variable("customerAnswer")).isEqualTo("likely");
  }

  @Test
  void openingALinkShowsTheQuestionAndChangesNothing() throws Exception {
    HttpResponse<String> page = get(urls.get("unsure"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("How likely are you to renew?", "Confirm: Unsure", "<form method=\"post\">");
    assertWaiting();
  }

  @Test
  void confirmingAnswersAndMovesTheProcessOnWithTheAnswerAndComment() throws Exception {
    HttpResponse<String> page = post(urls.get("likely"), "We love it <script>alert(1)</script>");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Thank you", "Likely");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(variable("customerAnswer")).isEqualTo("likely");
    assertThat(variable("customerComment")).isEqualTo("We love it <script>alert(1)</script>");
    assertThat(variable("customerAnsweredAt")).isInstanceOf(Date.class);
  }

  @Test
  void aLinkWorksOnceAndItsSiblingsNoLonger() throws Exception {
    assertThat(post(urls.get("likely"), null).statusCode()).isEqualTo(200);

    HttpResponse<String> again = post(urls.get("likely"), null);
    HttpResponse<String> sibling = post(urls.get("not-likely"), null);

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(sibling.statusCode()).isEqualTo(409);
    assertThat(sibling.body()).contains("Already answered", "Likely");
    assertThat(variable("customerAnswer")).isEqualTo("likely");
  }

  @Test
  void anExpiredLinkChangesNothing() throws Exception {
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(15).toMillis()));

    HttpResponse<String> page = post(urls.get("likely"), null);

    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("This link has expired");
    assertWaiting();
  }

  @Test
  void aTamperedOrMadeUpLinkChangesNothing() throws Exception {
    String likely = urls.get("likely");
    char last = likely.charAt(likely.length() - 1);
    String tampered = likely.substring(0, likely.length() - 1) + (last == 'A' ? 'B' : 'A');
    String madeUp = "http://baton.test/customer/questions/" + "A".repeat(43);

    for (String forged : List.of(tampered, madeUp, likely + "A", "http://baton.test/customer/questions/x")) {
      HttpResponse<String> page = post(forged, null);
      assertThat(page.statusCode()).as(forged).isEqualTo(404);
      assertThat(page.body()).contains("This link is not valid");
    }
    assertWaiting();
  }

  @Test
  void aLinkInTheFormerSignedFormatIsNoLongerAcceptedEvenWithTheRightSignature() throws Exception {
    // Such links were stored in the mails' variables, which staff may read.
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal((asked.id() + ".likely").getBytes(StandardCharsets.UTF_8)));

    HttpResponse<String> page = post("http://baton.test/customer/questions/" + asked.id() + ".likely." + signature, null);

    assertThat(page.statusCode()).isEqualTo(404);
    assertWaiting();
  }

  @Test
  void aQuestionTheProcessNoLongerWaitsForIsClosed() throws Exception {
    runtime.correlateMessage("TestQuestionAnswered", instance.getBusinessKey());

    HttpResponse<String> page = post(urls.get("unsure"), null);

    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("This question is closed");
  }

  @Test
  void twoSimultaneousClicksAnswerOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (String answer : List.of("likely", "unsure")) {
        answers.add(pool.submit(() -> {
          go.await();
          return post(urls.get(answer), null);
        }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<HttpResponse<String>> answer : answers) {
        statuses.add(answer.get().statusCode());
      }
      assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    } finally {
      pool.shutdownNow();
    }
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("customerAnswer").count()).isEqualTo(1);
  }

  @Test
  void anOverlongCommentIsRefusedWithoutAnswering() throws Exception {
    HttpResponse<String> page = post(urls.get("likely"), "x".repeat(CustomerAnswerController.MAX_COMMENT + 1));

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("please shorten it");
    assertWaiting();
  }

  @Test
  void aCommentWithControlCharactersIsRefusedWithoutAnswering() throws Exception {
    HttpResponse<String> page = post(urls.get("likely"), "Fine\u0000 so far");

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("control characters");
    assertWaiting();
  }

  @Test
  void aCommentOfSeveralLinesIsAccepted() throws Exception {
    assertThat(post(urls.get("likely"), "Fine so far.\r\nTraining next week.\tThanks").statusCode()).isEqualTo(200);
  }

  @Test
  void aQuestionNeedsAMessageChoicesAndAValidity() {
    assertThatThrownBy(() -> new CustomerQuestion(" ", "t", null, RENEW.choices(), false, Duration.ofDays(1)))
        .hasMessageContaining("messageName");
    assertThatThrownBy(() -> new Choice("not likely", "Not likely")).hasMessageContaining("letters, digits or dashes");
    assertThatThrownBy(() -> new CustomerQuestion("M", "t", null, RENEW.choices(), false, Duration.ZERO))
        .hasMessageContaining("validFor");
  }

  private void assertWaiting() {
    assertThat(runtime.createExecutionQuery().processInstanceId(instance.getId())
        .messageEventSubscriptionName("TestQuestionAnswered").count()).isEqualTo(1);
  }

  private Object variable(String name) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableName(name)
        .singleResult().getValue();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(local(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String comment) throws Exception {
    String form = comment == null ? "" : "comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(local(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The links carry the public URL (http://baton.test in tests); the test server is on localhost. */
  private URI local(String url) {
    return URI.create(url.replace("http://baton.test", "http://localhost:" + port));
  }
}
