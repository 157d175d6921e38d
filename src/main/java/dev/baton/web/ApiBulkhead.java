package dev.baton.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A bulkhead around Baton's own endpoints: at most {@code concurrentRequests} are served at once, at most
 * {@code waitingRequests} more wait (up to {@code maxWait}) for a turn, and every further caller is
 * answered 503 with Retry-After at once. So a storm of API calls can never hold all database connections
 * (or all web threads) and the webapps, {@code /engine-rest} and the job executor keep working. It runs
 * before authentication, whose password check needs the database too. Short bursts (a CRM delivering
 * fifty webhooks at once) wait their turn instead of failing.
 */
class ApiBulkhead extends OncePerRequestFilter {

  static final int RETRY_AFTER_SECONDS = 2;

  private final Semaphore admitted;
  private final Semaphore serving;
  private final long maxWaitNanos;
  private final ObjectMapper json;
  private final Counter rejected;

  ApiBulkhead(ApiLimitsProperties limits, ObjectMapper json, MeterRegistry meters) {
    this.admitted = new Semaphore(limits.concurrentRequests() + limits.waitingRequests());
    this.serving = new Semaphore(limits.concurrentRequests(), true);
    this.maxWaitNanos = limits.maxWait().toNanos();
    this.json = json;
    this.rejected = Counter.builder("baton.api.rejected")
        .description("Requests to /api and /customer answered 503 because too many were under way").register(meters);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!admitted.tryAcquire()) {
      reject(response);
      return;
    }
    try {
      if (!serving.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
        reject(response);
        return;
      }
      try {
        chain.doFilter(request, response);
      } finally {
        serving.release();
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      reject(response);
    } finally {
      admitted.release();
    }
  }

  private void reject(HttpServletResponse response) throws IOException {
    rejected.increment();
    ServiceBusy.write(response, json, "Too many requests to Baton's API at once; nothing was done. Retry in "
        + RETRY_AFTER_SECONDS + " s (Retry-After).", RETRY_AFTER_SECONDS);
  }
}
