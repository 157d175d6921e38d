package dev.baton.nps;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.onboarding.OnboardingLaunched;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts an account's NPS programme when the customer is live ({@link OnboardingLaunched}, in the launch's
 * transaction): one NpsSurvey instance per account (business key = account id), which runs until the
 * account churns. Its first timer counts from this launch day, so each account keeps its own rhythm.
 */
@Component
class NpsStart {

  static final String PROCESS_KEY = "NpsSurvey";
  private static final Logger log = LoggerFactory.getLogger(NpsStart.class);

  private final RuntimeService runtime;
  private final Accounts accounts;
  private final BusinessTime time;

  NpsStart(RuntimeService runtime, Accounts accounts, BusinessTime time) {
    this.runtime = runtime;
    this.accounts = accounts;
    this.time = time;
  }

  @EventListener
  public void launched(OnboardingLaunched event) {
    start(event.accountId(), time.today().toString());
  }

  /** Starts the account's programme counting from this launch day, unless it runs or the account churned. */
  void start(String accountId, String launchedOn) {
    // The account's row lock serialises two starts for one account, so at most one programme runs.
    Optional<Account> account = accounts.lock(accountId);
    if (account.isEmpty() || Objects.equals("churned", account.get().lifecycle().get("stage"))) {
      log.info("Account {} is unknown or churned: no NPS programme", accountId);
      return;
    }
    if (running(accountId)) {
      log.info("Account {}: its NPS programme already runs", accountId);
      return;
    }
    String id = WithoutAuthorization.call(() -> runtime.createProcessInstanceByKey(PROCESS_KEY).businessKey(accountId)
        .setVariables(Variables.createVariables().putValue("accountId", accountId)
            .putValue("accountName", account.get().name()).putValue("launchedOn", launchedOn))
        .execute().getId());
    log.info("NPS programme {} started for account {} (launched {})", id, accountId, launchedOn);
  }

  private boolean running(String accountId) {
    return WithoutAuthorization.call(() -> runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(accountId).count()) > 0;
  }
}
