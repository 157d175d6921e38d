package dev.baton.portfolio;

import dev.baton.account.Account;
import java.util.Set;

/**
 * Who is looking at the book of business: a user who sees every account (their group says so, see
 * PortfolioProperties) or only the accounts whose team they are in (their book of business).
 */
record Viewer(String userId, Set<String> groups, boolean seesEveryAccount) {

  boolean sees(Account account) {
    return seesEveryAccount || account.team().containsValue(userId);
  }
}
