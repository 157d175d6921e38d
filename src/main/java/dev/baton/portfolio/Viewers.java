package dev.baton.portfolio;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/** Turns the caller's login (Basic credentials or the webapps' session: groups as authorities) into a Viewer. */
@Component
class Viewers {

  private final PortfolioProperties properties;

  Viewers(PortfolioProperties properties) {
    this.properties = properties;
  }

  Viewer of(Authentication authentication) {
    Set<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .collect(Collectors.toUnmodifiableSet());
    boolean everyAccount = properties.seesEveryAccount().stream().anyMatch(groups::contains);
    return new Viewer(authentication.getName(), groups, everyAccount);
  }
}
