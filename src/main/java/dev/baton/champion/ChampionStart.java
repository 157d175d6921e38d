package dev.baton.champion;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.contact.KeyContactChanged;
import dev.baton.engine.WithoutAuthorization;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts {@code NewChampion} when the account's champion or executive sponsor becomes another person
 * ({@link KeyContactChanged}, in the transaction that changed the contacts): one instance per account and
 * persona (business key = account id). When one already runs for that persona, the newer person replaces the
 * one it waited for (message {@value #CHANGED_AGAIN}): the CSM meets whoever holds the role now, not someone
 * who has already left it.
 */
@Component
class ChampionStart {

  static final String PROCESS_KEY = "NewChampion";
  static final String CHANGED_AGAIN = "KeyContactChangedAgain";
  private static final Logger log = LoggerFactory.getLogger(ChampionStart.class);

  private final RuntimeService runtime;
  private final Accounts accounts;

  ChampionStart(RuntimeService runtime, Accounts accounts) {
    this.runtime = runtime;
    this.accounts = accounts;
  }

  @EventListener
  public void changed(KeyContactChanged event) {
    Optional<Account> account = accounts.lock(event.accountId());
    if (account.isEmpty() || accounts.isChurned(event.accountId())) {
      log.info("Account {} is unknown or churned: no new-champion process for its new {}", event.accountId(),
          event.persona());
      return;
    }
    VariableMap contact = Variables.createVariables()
        .putValue("keyContactPersona", event.persona())
        .putValue("keyContactRole", event.persona().replace('-', ' '))
        .putValue("keyContactName", event.current().name())
        .putValue("keyContactEmail", event.current().email())
        .putValue("previousContactName", event.previous().name())
        .putValue("previousContactEmail", event.previous().email());
    List<ProcessInstance> running = WithoutAuthorization.call(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(event.accountId())
        .variableValueEquals("keyContactPersona", event.persona()).list());
    if (!running.isEmpty()) {
      WithoutAuthorization.run(() -> runtime.createMessageCorrelation(CHANGED_AGAIN)
          .processInstanceId(running.get(0).getId()).setVariables(contact).correlateWithResult());
      log.info("Account {}: the new {} changed again, to {}; process {} now welcomes them", event.accountId(),
          event.persona(), event.current().email(), running.get(0).getId());
      return;
    }
    String id = WithoutAuthorization.call(() -> runtime.createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(event.accountId())
        .setVariables(contact.putValue("accountId", event.accountId()).putValue("accountName", account.get().name()))
        .execute().getId());
    log.info("New {} at account {} ({} instead of {}): process {} started", event.persona(), event.accountId(),
        event.current().email(), event.previous().email(), id);
  }
}
