package dev.baton.renewal;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.account.HealthBands;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the renewal's two motions read from the account (docs/renewal.md, docs/domain.md#tech-touch-motion): its
 * segment, for the gateway "Which motion?" ({@code ${motions.isDigital(segment)}}), and whether its health is in
 * the worst band when the digital motion would renew it automatically (then a person renews it instead).
 */
@Component("renewalMotion")
public class RenewalMotion {

  static final String SEGMENT = "segment";
  private static final Logger log = LoggerFactory.getLogger(RenewalMotion.class);

  private final Accounts accounts;
  private final HealthBands health;

  RenewalMotion(Accounts accounts, HealthBands health) {
    this.accounts = accounts;
    this.health = health;
  }

  /** Start of "Which motion?": the account's segment as it is now, in the variable {@code segment}. */
  public void readSegment(DelegateExecution execution) {
    String segment = account(execution).map(Account::segment).orElse(null);
    execution.setVariable(SEGMENT, segment);
  }

  /** Gateway "Health red?" before an automatic renewal: the account is in the worst band (red by default). */
  public boolean healthRed(DelegateExecution execution) {
    String band = account(execution).map(Account::healthBand).orElse(null);
    boolean red = band != null && band.equals(health.bands().get(0));
    if (red) {
      log.info("Account {} is {}: no automatic renewal, the CSM prepares the contract and records the decision",
          execution.getVariable("accountId"), band);
    }
    return red;
  }

  private Optional<Account> account(DelegateExecution execution) {
    return accounts.find((String) execution.getVariable("accountId"));
  }
}
