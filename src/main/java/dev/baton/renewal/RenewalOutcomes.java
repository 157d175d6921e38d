package dev.baton.renewal;

import dev.baton.account.AccountChurned;
import dev.baton.account.Accounts;
import dev.baton.calendar.BusinessTime;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The end of a renewal: thank the customer when renewed (docs/domain.md#renewals), renew a digital customer who
 * answered Likely automatically (docs/renewal.md), mark the account when churned.
 */
@Component("renewalOutcomes")
public class RenewalOutcomes {

  private static final Logger log = LoggerFactory.getLogger(RenewalOutcomes.class);

  private final MailOutbox mail;
  private final Accounts accounts;
  private final ApplicationEventPublisher events;
  private final BusinessTime time;
  private final RenewalDates dates;

  RenewalOutcomes(MailOutbox mail, Accounts accounts, ApplicationEventPublisher events, BusinessTime time,
      RenewalDates dates) {
    this.mail = mail;
    this.accounts = accounts;
    this.events = events;
    this.time = time;
    this.dates = dates;
  }

  /** "Thank the customer": a short note to the customer's executive and the working team. */
  public void thankCustomer(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    List<String> to = new ArrayList<>();
    addAll(to, execution.getVariable("customerExecutiveEmail"));
    addAll(to, execution.getVariable("decisionMakerEmail"));
    addAll(to, execution.getVariable("workingTeamEmails"));
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable("accountName"));
    model.put("nextRenewalDate", execution.getVariable("nextRenewalDate"));
    mail.send(new OutgoingMail("renewal-thank-you", to, "Thank you for your continued partnership",
        model, accountId));
    execution.setVariable("outcome", "renewed");
    accounts.recordRenewal(accountId, String.valueOf(execution.getVariable("renewalDate")));
    log.info("Account {} renewed (until {}): thank-you note to {}", accountId,
        execution.getVariable("nextRenewalDate"), to);
  }

  /**
   * "Record the renewal and confirm it" (the digital motion's auto-renew path): recorded as the decision task
   * records a renewal (renewed today, until the proposed next renewal date), and the customer who answered
   * Likely gets a short confirmation instead of a thank-you after paperwork. "Prepare the next renewal" follows.
   */
  public void renewAutomatically(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    execution.setVariable("renewalOutcome", "renewed");
    execution.setVariable("renewedAutomatically", true);
    execution.setVariable("signedOn", time.today().toString());
    execution.setVariable("outcome", "renewed");
    accounts.recordRenewal(accountId, String.valueOf(execution.getVariable("renewalDate")));
    List<String> to = new ArrayList<>();
    addAll(to, execution.getVariable("surveySentTo"));
    addAll(to, execution.getVariable("customerExecutiveEmail"));
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable("accountName"));
    model.put("decisionMakerName", execution.getVariable("decisionMakerName"));
    model.put("renewalDate", dates.date(execution.getVariable("renewalDate")));
    model.put("nextRenewalDate", dates.date(execution.getVariable("nextRenewalDate")));
    mail.send(new OutgoingMail("renewal-confirmation", to.stream().distinct().toList(),
        "Your subscription is renewed (" + execution.getVariable("accountName") + ")", model, accountId));
    log.info("Account {} renewed automatically (digital motion, answered Likely) until {}: confirmation to {}",
        accountId, execution.getVariable("nextRenewalDate"), to);
  }

  /**
   * "Mark the account churned": recorded on the account; AccountChurned ends the account's other processes
   * that catch it (health escalation, onboarding; see ChurnedAccountProcesses).
   */
  public void markChurned(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    accounts.markChurned(accountId);
    execution.setVariable("outcome", "churned");
    events.publishEvent(new AccountChurned(accountId));
    log.info("Account {} churned at its renewal of {}: {}", accountId, execution.getVariable("renewalDate"),
        execution.getVariable("churnReason"));
  }

  private static void addAll(List<String> to, Object addresses) {
    if (addresses instanceof String text) {
      Arrays.stream(text.split("[,;\\s]+")).map(String::trim).filter(a -> a.contains("@")).forEach(to::add);
    }
  }
}
