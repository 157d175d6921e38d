package dev.baton.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a login attempt of a throttled user or client address at once with 429 and Retry-After, before
 * anything checks the password, and without holding the thread. Login attempts are HTTP Basic credentials
 * on {@code /api}, {@code /actuator} and {@code /engine-rest}, and the form the webapps' login page posts.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  /** Under the webapps' path ({@code /camunda}): {@code <engine>/login/<app>}. */
  static final String WEBAPP_LOGIN = "/api/admin/auth/user/";

  private final LoginThrottle throttle;
  private final ObjectMapper json;
  private final String webappLogin;

  LoginThrottleFilter(LoginThrottle throttle, ObjectMapper json, String webappPath) {
    this.throttle = throttle;
    this.json = json;
    this.webappLogin = webappPath + WEBAPP_LOGIN;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String user;
    if (path.startsWith(webappLogin)) {
      if (!"POST".equals(request.getMethod()) || !path.contains("/login/")) {
        chain.doFilter(request, response);
        return;
      }
      LoginForm form = LoginForm.read(request);
      request = form;
      user = form.username();
    } else {
      // Webhooks carry a signature, never a login.
      user = path.startsWith("/api/webhooks/") ? null : basicUser(request);
    }
    if (user != null) {
      Duration wait = throttle.retryAfter(user, request.getRemoteAddr());
      if (!wait.isZero()) {
        refuse(response, wait);
        return;
      }
    }
    // ThrottledIdentityProviderSetup reads the client address from the bound request. Spring Security checks
    // the passwords of /api and /actuator before Spring MVC binds it (Camunda's Jersey binds its own).
    boolean bind = RequestContextHolder.getRequestAttributes() == null;
    if (bind) {
      RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
    }
    try {
      chain.doFilter(request, response);
    } finally {
      if (bind) {
        RequestContextHolder.resetRequestAttributes();
      }
    }
  }

  /** The user of HTTP Basic credentials, or null. */
  private static String basicUser(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = credentials.indexOf(':');
      return colon < 0 ? null : credentials.substring(0, colon);
    } catch (IllegalArgumentException notBase64) {
      return null; // refused further on, without a password check
    }
  }

  private void refuse(HttpServletResponse response, Duration wait) throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    String detail = "Too many failed logins from your address; try again in " + seconds + " seconds.";
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, detail);
    problem.setTitle("Too many failed logins");
    // The webapps' login page shows an error answer's "message".
    problem.setProperty("message", detail);
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
