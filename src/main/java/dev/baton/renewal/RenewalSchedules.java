package dev.baton.renewal;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.account.AccountSaved;
import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.onboarding.OnboardingLaunched;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts and reschedules RenewalPreparation (processes/RenewalPreparation.bpmn): one instance per
 * account and renewal date, business key = account id. Every decision is taken while holding the
 * account's row lock ({@code select ... for update} on baton_account, as the health capability does),
 * so concurrent saves, onboarding launches and the end of a cycle never start two for one account.
 */
@Component("renewalSchedules")
public class RenewalSchedules {

  public static final String PROCESS_KEY = "RenewalPreparation";
  static final String DATE_MOVED_MESSAGE = "RenewalDateMoved";
  /** Contact variables a new cycle takes over from the one before, so forms come prefilled. */
  static final List<String> CONTACT_VARIABLES = List.of("decisionMakerName", "decisionMakerEmail",
      "customerExecutiveEmail", "workingTeamEmails", "customerContactName", "customerContactEmail");
  private static final Logger log = LoggerFactory.getLogger(RenewalSchedules.class);

  private final RuntimeService runtime;
  private final Accounts accounts;
  private final RenewalDates dates;
  private final BusinessTime time;

  RenewalSchedules(RuntimeService runtime, Accounts accounts, RenewalDates dates, BusinessTime time) {
    this.runtime = runtime;
    this.accounts = accounts;
    this.dates = dates;
    this.time = time;
  }

  /**
   * An account saved through Accounts.save (accounts API, CRM deal won, handoff): a renewal date and
   * no preparation running starts one; a changed renewal date moves the running one.
   */
  @EventListener
  @Transactional
  public void accountSaved(AccountSaved event) {
    String accountId = event.current().accountId();
    LocalDate renewalDate = event.current().renewalDate();
    Optional<String> name = lock(accountId);
    if (name.isEmpty()) {
      return;
    }
    List<ProcessInstance> running = running(accountId, null);
    if (running.isEmpty()) {
      if (renewalDate == null) {
        return;
      }
      if (churned(accountId) && !event.renewalDateChanged()) {
        log.info("Account {} is churned: no renewal preparation until it gets a new renewal date", accountId);
        return;
      }
      start(accountId, name.get(), renewalDate, Map.of(), null, "account saved");
      return;
    }
    ProcessInstance instance = running.get(0);
    LocalDate scheduledFor = scheduledDate(instance.getId());
    if (renewalDate == null) {
      log.warn("Account {} no longer has a renewal date; its renewal preparation {} keeps {} (cancel it in "
          + "Cockpit if the account will not renew)", accountId, instance.getId(), scheduledFor);
    } else if (!renewalDate.equals(scheduledFor)) {
      reschedule(instance.getId(), accountId, scheduledFor, renewalDate);
    }
  }

  /**
   * The customer is live (message CustomerLive of OnboardingKickoff.bpmn): prepare the renewal by the
   * model's message start event if its date is known and none is running yet. Only the event's values are
   * used; the onboarding's variables are its own.
   */
  @EventListener
  @Transactional
  public void onboardingLaunched(OnboardingLaunched event) {
    String accountId = event.accountId();
    Optional<String> name = lock(accountId);
    if (name.isEmpty()) {
      return;
    }
    LocalDate renewalDate = event.renewalDate();
    LocalDate stored = accounts.find(accountId).map(a -> a.renewalDate()).orElse(null);
    if (renewalDate == null) {
      renewalDate = stored;
    } else if (stored == null) {
      // The account and its renewal preparation should agree on the date.
      accounts.recordRenewalDate(accountId, renewalDate);
    }
    if (renewalDate == null) {
      log.info("Onboarding of account {} launched without a renewal date: renewal preparation starts once "
          + "the account gets one (PUT /api/accounts/{})", accountId, accountId);
      return;
    }
    List<ProcessInstance> running = running(accountId, null);
    if (!running.isEmpty()) {
      log.info("Onboarding of account {} launched; its renewal preparation {} is already running",
          accountId, running.get(0).getId());
      return;
    }
    start(accountId, name.get(), renewalDate, contacts(event), OnboardingLaunched.MESSAGE, "onboarding launched");
  }

  /**
   * "Prepare the next renewal" (renewed path of the model): records the new renewal date on the account
   * and starts the next cycle. This instance ends in the same transaction, so nobody ever sees two.
   * The date is written without AccountSaved on purpose (Accounts.recordRenewalDate): an AccountSaved would
   * move this ending cycle.
   */
  public void startNextCycle(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    LocalDate next = dates.date(execution.getVariable("nextRenewalDate"));
    Optional<String> name = lock(accountId);
    if (name.isEmpty()) {
      throw new IllegalStateException("accountId: account '" + accountId + "' does not exist any more; "
          + "the next renewal preparation cannot be scheduled");
    }
    accounts.recordRenewalDate(accountId, next);
    List<ProcessInstance> others = running(accountId, execution.getProcessInstanceId());
    if (!others.isEmpty()) {
      log.warn("Account {} renewed until {}, but renewal preparation {} is already running: not starting another",
          accountId, next, others.get(0).getId());
      return;
    }
    Map<String, Object> carried = new HashMap<>();
    CONTACT_VARIABLES.forEach(variable -> {
      Object value = execution.getVariable(variable);
      if (value != null) {
        carried.put(variable, value);
      }
    });
    String id = start(accountId, name.get(), next, carried, null, "renewed");
    execution.setVariable("nextCycleProcessInstanceId", id);
  }

  /**
   * Starts the preparation (the caller holds the account's lock) by the named message start event, or by
   * the blank start event when message is null; returns its id, or null for a date already past.
   */
  String start(String accountId, String accountName, LocalDate renewalDate, Map<String, Object> extra, String message,
      String why) {
    LocalDate today = time.today();
    if (renewalDate.isBefore(today)) {
      log.warn("Account {}: renewal date {} has passed; no renewal preparation (give the account its next "
          + "renewal date)", accountId, renewalDate);
      return null;
    }
    var variables = Variables.createVariables();
    variables.putAll(extra);
    variables.putValue("accountId", accountId)
        .putValue("accountName", accountName)
        .putValue("renewalDate", renewalDate.toString())
        .putValue("nextRenewalDate", dates.next(renewalDate));
    String id = WithoutAuthorization.call(() -> message == null
        ? runtime.createProcessInstanceByKey(PROCESS_KEY).businessKey(accountId).setVariables(variables).execute().getId()
        : runtime.createMessageCorrelation(message).processInstanceBusinessKey(accountId).setVariables(variables)
            .correlateStartMessage().getId());
    log.info("Renewal preparation {} started for account {} (renewal date {}, {})", id, accountId, renewalDate, why);
    return id;
  }

  /** Moves the running preparation to the new date: its pending timers follow, completed steps stay done. */
  void reschedule(String processInstanceId, String accountId, LocalDate from, LocalDate to) {
    WithoutAuthorization.run(() -> {
      runtime.setVariables(processInstanceId, Map.of(
          "renewalDate", to.toString(),
          "previousRenewalDate", from == null ? "" : from.toString(),
          "nextRenewalDate", dates.next(to)));
      runtime.createMessageCorrelation(DATE_MOVED_MESSAGE).processInstanceId(processInstanceId).correlateWithResult();
    });
    log.info("Renewal date of account {} moved from {} to {}: renewal preparation {} rescheduled", accountId,
        from, to, processInstanceId);
  }

  /** Running preparations of the account, except the given instance (may be null). */
  List<ProcessInstance> running(String accountId, String except) {
    return WithoutAuthorization.call(() -> runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(accountId).list())
        .stream().filter(p -> !p.getId().equals(except)).toList();
  }

  private LocalDate scheduledDate(String processInstanceId) {
    Object value = WithoutAuthorization.call(() -> runtime.getVariable(processInstanceId, "renewalDate"));
    return value == null ? null : dates.date(value);
  }

  private boolean churned(String accountId) {
    return accounts.isChurned(accountId);
  }

  /** Locks the account's row for the rest of the transaction; empty (and a warning) for an unknown account. */
  private Optional<String> lock(String accountId) {
    Optional<String> name = accounts.lock(accountId).map(Account::name);
    if (name.isEmpty()) {
      log.warn("No account '{}' in Baton: no renewal preparation (create it with PUT /api/accounts/{})",
          accountId, accountId);
    }
    return name;
  }

  /** The onboarding's main contact gets the survey until somebody names the decision maker on the value review form. */
  private static Map<String, Object> contacts(OnboardingLaunched event) {
    Map<String, Object> found = new HashMap<>();
    if (event.customerContactName() != null) {
      found.put("customerContactName", event.customerContactName());
    }
    if (event.customerContactEmail() != null) {
      found.put("customerContactEmail", event.customerContactEmail());
      found.put("decisionMakerEmail", event.customerContactEmail());
      if (event.customerContactName() != null) {
        found.put("decisionMakerName", event.customerContactName());
      }
    }
    return found;
  }
}
