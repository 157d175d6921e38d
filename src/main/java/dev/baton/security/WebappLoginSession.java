package dev.baton.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets Baton's pages inside Cockpit read the book of business with the user's Cockpit login: for a GET of a
 * read-only portfolio path without Basic credentials, the user logged in to the webapps (the session Camunda's
 * webapps keep, engine {@code default}) is the caller, with their Camunda groups as authorities. Reads only,
 * so a forged cross-site request can change nothing; every other path still needs Basic credentials.
 */
class WebappLoginSession extends OncePerRequestFilter {

  static final String[] READ_PATHS = {"/api/accounts", "/api/accounts/*/timeline", "/api/portfolio/**",
      "/api/reports/**"};

  private final RequestMatcher reads = new OrRequestMatcher(java.util.Arrays.stream(READ_PATHS)
      .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, path)).toList());
  private final String engineName;

  WebappLoginSession(String engineName) {
    this.engineName = engineName;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getHeader("Authorization") == null && reads.matches(request)) {
      HttpSession session = request.getSession(false);
      UserAuthentication user = session == null ? null : user(AuthenticationUtil.getAuthsFromSession(session));
      if (user != null) {
        List<SimpleGrantedAuthority> groups = user.getGroupIds() == null ? List.of()
            : user.getGroupIds().stream().map(SimpleGrantedAuthority::new).toList();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getIdentityId(), null, groups));
        SecurityContextHolder.setContext(context);
      }
    }
    chain.doFilter(request, response);
  }

  private UserAuthentication user(Authentications authentications) {
    if (authentications == null) {
      return null;
    }
    Authentication authentication = authentications.getAuthenticationForProcessEngine(engineName);
    return authentication instanceof UserAuthentication user ? user : null;
  }
}
