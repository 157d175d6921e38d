package dev.baton.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The bulkhead in front of Baton's API: so many at once, so many waiting, everyone else 503 at once. */
class ApiBulkheadTest {

  final ExecutorService callers = Executors.newCachedThreadPool();
  final CountDownLatch inside = new CountDownLatch(1);
  final CountDownLatch finish = new CountDownLatch(1);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @AfterEach
  void stop() {
    finish.countDown();
    callers.shutdownNow();
  }

  @Test
  void aCallerBeyondTheRequestsUnderWayAndWaitingIsAnsweredBusyAtOnce() throws Exception {
    ApiBulkhead bulkhead = bulkhead(1, 0, Duration.ofMinutes(1));
    Future<MockHttpServletResponse> first = callers.submit(() -> call(bulkhead, true));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    MockHttpServletResponse second = call(bulkhead, false);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertBusy(second);
    finish.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    assertThat(meters.counter("baton.api.rejected").count()).isEqualTo(1);
  }

  @Test
  void aWaitingCallerIsServedWhenTheRequestBeforeItEnds() throws Exception {
    ApiBulkhead bulkhead = bulkhead(1, 1, Duration.ofMinutes(1));
    Future<MockHttpServletResponse> first = callers.submit(() -> call(bulkhead, true));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    Future<MockHttpServletResponse> waiting = callers.submit(() -> call(bulkhead, false));

    finish.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    assertThat(waiting.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
  }

  @Test
  void aWaitingCallerWhoseTurnDoesNotComeInTimeIsAnsweredBusy() throws Exception {
    ApiBulkhead bulkhead = bulkhead(1, 1, Duration.ofMillis(100));
    callers.submit(() -> call(bulkhead, true));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    assertBusy(call(bulkhead, false));
  }

  private ApiBulkhead bulkhead(int concurrent, int waiting, Duration maxWait) {
    return new ApiBulkhead(new ApiLimitsProperties(concurrent, waiting, maxWait), new ObjectMapper(), meters);
  }

  /** One request; {@code hold}: it stays under way until the test lets it finish. */
  private MockHttpServletResponse call(ApiBulkhead bulkhead, boolean hold) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    bulkhead.doFilter(new MockHttpServletRequest("GET", "/api/accounts/a"), response, (request, answer) -> {
      if (hold) {
        inside.countDown();
        try {
          finish.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      ((MockHttpServletResponse) answer).setStatus(200);
    });
    return response;
  }

  private static void assertBusy(MockHttpServletResponse response) throws Exception {
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("2");
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getContentAsString()).contains("Too many requests to Baton's API at once");
  }
}
