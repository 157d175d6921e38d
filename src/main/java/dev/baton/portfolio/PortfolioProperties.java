package dev.baton.portfolio;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who sees which accounts in the book of business ({@code baton.portfolio}, docs/portfolio.md).
 * {@code sees-every-account}: groups whose members see every account (managers, support, API clients,
 * administrators); everyone else sees the accounts whose team they are in. {@code cockpit-groups}: account
 * teams who may open Cockpit for their book of business (managers may already). {@code max-page-size}: the most
 * rows one page may ask for.
 */
@ConfigurationProperties(prefix = "baton.portfolio")
public record PortfolioProperties(List<String> seesEveryAccount, List<String> cockpitGroups, Integer maxPageSize) {

  public PortfolioProperties {
    seesEveryAccount = seesEveryAccount == null
        ? List.of("cs-lead", "cs-executive", "support", "integration", "camunda-admin")
        : List.copyOf(seesEveryAccount);
    cockpitGroups = cockpitGroups == null ? List.of("csm", "account-manager") : List.copyOf(cockpitGroups);
    maxPageSize = maxPageSize == null ? 200 : maxPageSize;
  }
}
