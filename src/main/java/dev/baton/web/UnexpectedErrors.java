package dev.baton.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Logs a failure Baton did not expect. A known caller's failure (signed in, or a webhook whose signature
 * was valid) is a bug to fix: ERROR with its stack trace. A caller nobody knows (no login) must not be able to fill the log: one WARN line without a
 * trace, at most one per {@link #INTERVAL}, counting the ones left out; the line never carries the
 * caller's line breaks.
 */
@Component
public class UnexpectedErrors {

  static final Duration INTERVAL = Duration.ofSeconds(10);
  /** Request attribute naming a caller who proved who it is without a login (a webhook's valid signature). */
  public static final String VERIFIED_CALLER = UnexpectedErrors.class.getName() + ".verifiedCaller";
  private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

  private final AtomicLong nextWarning = new AtomicLong(Long.MIN_VALUE);
  private final AtomicInteger suppressed = new AtomicInteger();

  /** For a failure inside Spring MVC, where the caller's authentication is known. */
  public void report(HttpServletRequest request, Throwable failure) {
    Object verified = request.getAttribute(VERIFIED_CALLER);
    if (verified != null) {
      log.error("{} {} failed for {}", request.getMethod(), request.getRequestURI(), verified, failure);
    } else if (signedIn()) {
      log.error("{} {} failed for user {}", request.getMethod(), request.getRequestURI(),
          SecurityContextHolder.getContext().getAuthentication().getName(), failure);
    } else {
      warnAnonymous(request, failure);
    }
  }

  /** For a failure before any caller is known (in a filter, during authentication). */
  public void warnAnonymous(HttpServletRequest request, Throwable failure) {
    long now = System.nanoTime();
    long next = nextWarning.get();
    if (next != Long.MIN_VALUE && now - next < 0 || !nextWarning.compareAndSet(next, now + INTERVAL.toNanos())) {
      suppressed.incrementAndGet();
      return;
    }
    int left = suppressed.getAndSet(0);
    log.warn("{} {} of an unauthenticated caller failed: {}{}", oneLine(request.getMethod()),
        oneLine(request.getRequestURI()), describe(failure),
        left == 0 ? "" : " (" + left + " more such failures in the last " + INTERVAL.toSeconds() + " s not logged)");
  }

  private static boolean signedIn() {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    return who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
  }

  /** The failure and its causes, as one line: "Type: message; caused by Type: message". */
  static String describe(Throwable failure) {
    StringBuilder line = new StringBuilder();
    int depth = 0;
    for (Throwable cause = failure; cause != null && depth < 5; cause = cause.getCause() == cause ? null : cause.getCause(), depth++) {
      line.append(depth == 0 ? "" : "; caused by ").append(cause.getClass().getName());
      if (cause.getMessage() != null) {
        line.append(": ").append(oneLine(cause.getMessage()));
      }
    }
    return line.toString();
  }

  /** Without line breaks or other control characters, and at most 300 characters. */
  static String oneLine(String text) {
    String flat = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
  }
}
