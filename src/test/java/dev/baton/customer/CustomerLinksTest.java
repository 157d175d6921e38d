package dev.baton.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

/** Signed customer links: shown without effect, answered once, and nothing for expired, tampered or reused ones. */
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
  ProcessInstance instance;
  Map<String, String> urls;

  @BeforeEach
  void ask() {
    repository.createDeployment().name("customer-question-test").enableDuplicateFiltering(true)
        .addClasspathResource("customer/CustomerQuestionTest.bpmn").deploy();
    String account = "links-" + UUID.randomUUID();
    instance = runtime.startProcessInstanceByKey("CustomerQuestionTest", account, Map.of("accountId", account));
    urls = links.ask(instance.getId(), account, RENEW);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void oneSignedLinkPerChoiceUnderThePublicUrl() {
    assertThat(urls.keySet()).containsExactly("not-likely", "unsure", "likely");
    assertThat(urls.get("likely")).startsWith("http://baton.test/customer/questions/").contains(".likely.");
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
  void aTamperedLinkChangesNothing() throws Exception {
    String likely = urls.get("likely");
    String signature = likely.substring(likely.lastIndexOf('.') + 1);
    String otherAnswer = likely.replace(".likely.", ".not-likely.");
    String otherSignature = likely.substring(0, likely.lastIndexOf('.') + 1)
        + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
    String unknownQuestion = "http://baton.test/customer/questions/" + UUID.randomUUID() + ".likely." + signature;

    for (String forged : List.of(otherAnswer, otherSignature, unknownQuestion, "http://baton.test/customer/questions/x")) {
      HttpResponse<String> page = post(forged, null);
      assertThat(page.statusCode()).as(forged).isEqualTo(404);
      assertThat(page.body()).contains("This link is not valid");
    }
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
