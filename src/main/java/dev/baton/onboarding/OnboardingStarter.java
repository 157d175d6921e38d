package dev.baton.onboarding;

import dev.baton.account.Account;
import dev.baton.account.Accounts;
import dev.baton.calendar.BusinessTime;
import dev.baton.engine.WithoutAuthorization;
import dev.baton.handoff.AccountHandOver;
import dev.baton.handoff.HandoffCompleted;
import dev.baton.mail.MailFormats;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts OnboardingKickoff by its message start event (AccountHandedOver) when the handoff completes:
 * synchronously, in the transaction of the handoff's end event job, so a failing start fails that job
 * (retried, then an incident) and nothing is lost. Business key = account id;
 * the account's row is locked first, so "is one running?" and "start one" cannot interleave: at most
 * one onboarding runs per account, on H2 and PostgreSQL alike, and a retried job starts none twice.
 */
@Component
class OnboardingStarter {

  public static final String PROCESS_KEY = "OnboardingKickoff";
  private static final Logger log = LoggerFactory.getLogger(OnboardingStarter.class);

  private final RuntimeService runtime;
  private final Accounts accounts;
  private final Onboardings onboardings;
  private final OnboardingProperties properties;
  private final BusinessTime time;
  private final MailFormats formats;

  OnboardingStarter(RuntimeService runtime, Accounts accounts,
      Onboardings onboardings, OnboardingProperties properties, BusinessTime time, MailFormats formats) {
    this.formats = formats;
    this.runtime = runtime;
    this.accounts = accounts;
    this.onboardings = onboardings;
    this.properties = properties;
    this.time = time;
  }

  @EventListener
  public void handoffCompleted(HandoffCompleted event) {
    String accountId = event.accountId();
    if (accountId == null || accountId.isBlank()) {
      throw new IllegalArgumentException("HandoffCompleted of handoff " + event.handoffProcessInstanceId()
          + " has no accountId; the handoff must name the account it hands over");
    }
    Map<String, Object> variables = HandoffData.toOnboardingVariables(event);
    if (event.deal().amount() != null) {
      variables.put("dealValue", formats.amount(event.deal().amount(), event.deal().currency()));
    }
    ensureAccount(accountId, variables);
    lockAccount(accountId);
    Optional<String> running = onboardings.running(accountId);
    if (running.isPresent()) {
      log.info("Handoff {} of account {} completed, but onboarding {} already runs for it: none started",
          event.handoffProcessInstanceId(), accountId, running.get());
      return;
    }
    String id = WithoutAuthorization.call(() -> runtime.createMessageCorrelation(AccountHandOver.MESSAGE)
        .processInstanceBusinessKey(accountId).setVariables(startVariables(event, variables))
        .correlateStartMessage().getId());
    onboardings.started(id, accountId, event.handoffProcessInstanceId());
    accounts.markOnboarding(accountId);
    log.info("Onboarding {} started for account {} ({} segment) from handoff {}", id, accountId,
        variables.getOrDefault("segment", "no"), event.handoffProcessInstanceId());
  }

  private Map<String, Object> startVariables(HandoffCompleted event, Map<String, Object> handoff) {
    var variables = Variables.fromMap(handoff);
    // The models branch on the segment (its motion): always set, from the account when the handoff had none.
    String segment = Optional.ofNullable((String) handoff.get("segment"))
        .or(() -> accounts.find(event.accountId()).map(Account::segment)).orElse(null);
    LocalDate welcome = time.today();
    LocalDate closeDate = handoff.containsKey("closeDate") ? LocalDate.parse((String) handoff.get("closeDate")) : welcome;
    int ttvDays = properties.timeToValueDays(segment);
    variables.putValue("segment", segment)
        .putValue("handoffProcessInstanceId", event.handoffProcessInstanceId())
        .putValue("kickoffBusinessDays", properties.kickoffBusinessDays(segment))
        .putValue("timeToValueTargetDays", ttvDays)
        .putValue("timeToValueTargetDate", time.startOf(closeDate.plusDays(ttvDays)))
        .putValue("onboardingAtRisk", false)
        .putValue("provisioningUrl", properties.provisioningUrl())
        // the key person who confirms the success plan: the handoff's contact unless the CSM names another
        .putValue("successPlanApproverName", handoff.get("customerContactName"))
        .putValue("successPlanApproverEmail", handoff.get("customerContactEmail"))
        .putValue("kickoffAgenda", KickoffAgenda.from(handoff));
    return variables;
  }

  /** The handoff normally saved the account; if not, it is created from the handoff so its facts can be kept. */
  private void ensureAccount(String accountId, Map<String, Object> variables) {
    if (accounts.exists(accountId)) {
      return;
    }
    Object renewal = variables.get("renewalDate");
    accounts.save(new Account(accountId, (String) variables.get("accountName"), (String) variables.get("segment"),
        renewal == null ? null : LocalDate.parse((String) renewal), null, Map.of()));
    log.warn("Account {} did not exist when its handoff completed: created from the handoff's data", accountId);
  }

  private void lockAccount(String accountId) {
    accounts.lock(accountId);
  }
}
