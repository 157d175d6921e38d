package dev.baton.health;

import dev.baton.account.Accounts;
import dev.baton.identity.RoleCatalogue;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.raci.InformedRoles;
import dev.baton.raci.RoleRecipients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The escalation path of a red account (docs/domain.md#escalation-paths: how and when risks are escalated, and to
 * whom), run at every review of RedHealthEscalation.bpmn: still red at the first review goes to the
 * CS Lead, at the second and later ones to the executive sponsor role as well.
 */
@Component("redHealthEscalationPath")
public class RedHealthEscalationPath {

  private static final Logger log = LoggerFactory.getLogger(RedHealthEscalationPath.class);

  private final Accounts accounts;
  private final HealthProperties properties;
  private final RoleRecipients recipients;
  private final InformedRoles informed;
  private final RoleCatalogue roles;
  private final MailOutbox mail;
  private final RedHealthEscalations escalations;
  private final String publicBaseUrl;

  RedHealthEscalationPath(Accounts accounts, HealthProperties properties, RoleRecipients recipients, InformedRoles informed,
      RoleCatalogue roles, MailOutbox mail, RedHealthEscalations escalations,
      @Value("${baton.public-base-url}") String publicBaseUrl) {
    this.accounts = accounts;
    this.properties = properties;
    this.recipients = recipients;
    this.informed = informed;
    this.roles = roles;
    this.mail = mail;
    this.escalations = escalations;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** "Check the account's health" at a review: counts the review and sets {@code stillRed}. */
  public void checkAtReview(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    int review = ((Number) execution.getVariable("reviewCount")).intValue() + 1;
    String band = accounts.find(accountId).map(a -> a.healthBand()).orElse(null);
    // Unknown (no current data) does not prove a recovery: the review goes on as for a red account.
    boolean stillRed = properties.escalationBand().equals(band) || HealthReport.UNKNOWN.equals(band);
    execution.setVariable("reviewCount", review);
    execution.setVariable("stillRed", stillRed);
    if (!stillRed) {
      escalations.ended(execution, "recovered");
      log.info("Review {} of account {}: health is {}, escalation ends as recovered", review, accountId, band);
    }
  }

  /**
   * "Escalate": mails the step's raci.informed roles (the CS Lead) about the account still being red; from
   * the second review on, the executive sponsor role (baton.health.executive-sponsor-role) first.
   */
  public void escalate(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    int review = ((Number) execution.getVariable("reviewCount")).intValue();
    List<String> escalatedTo = new java.util.ArrayList<>();
    if (review > 1) {
      escalatedTo.add(properties.executiveSponsorRole());
    }
    informed.of(execution).stream().filter(role -> !escalatedTo.contains(role)).forEach(escalatedTo::add);
    Set<String> to = new LinkedHashSet<>();
    escalatedTo.forEach(role -> to.addAll(recipients.emails(accountId, role)));

    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable("accountName"));
    model.put("reviewNumber", review);
    model.put("escalatedTo", String.join(", ", escalatedTo.stream().map(roles::displayName).toList()));
    model.put("healthReason", execution.getVariable("healthReason"));
    model.put("redDimensions", execution.getVariable("redDimensions"));
    model.put("cockpitUrl", publicBaseUrl + "/camunda/app/cockpit/default/#/process-instance/"
        + execution.getProcessInstanceId());
    String subject = "Still red after review " + review + ": " + execution.getVariable("accountName");
    mail.send(new OutgoingMail("health-escalation", new ArrayList<>(to), subject, model, accountId));
    execution.setVariable("escalatedTo", String.join(",", escalatedTo));
    log.info("Account {} still red at review {}: escalated to {} ({})", accountId, review, escalatedTo, to);
  }
}
