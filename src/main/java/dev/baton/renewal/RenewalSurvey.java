package dev.baton.renewal;

import dev.baton.account.Accounts;
import dev.baton.contact.AccountContacts;
import dev.baton.contact.Contact;
import dev.baton.customer.AskedQuestion;
import dev.baton.customer.CustomerLinks;
import dev.baton.customer.CustomerQuestion;
import dev.baton.customer.CustomerQuestion.Choice;
import dev.baton.mail.MailFormats;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.raci.InformedRoles;
import dev.baton.raci.RoleRecipients;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The renewal-likelihood survey (docs/domain.md#renewal-likelihood-survey): a single question on how
 * likely the customer currently is to renew, with Not likely / Unsure / Likely as signed one-click links
 * to the customer's decision maker. The
 * answer is recorded on the account ({@code lifecycle.renewalLikelihood}); no answer is a risk too.
 */
@Component("renewalSurvey")
public class RenewalSurvey {

  static final String ANSWERED_MESSAGE = "RenewalLikelihoodAnswered";
  static final List<Choice> CHOICES = List.of(new Choice("not-likely", "Not likely"),
      new Choice("unsure", "Unsure"), new Choice("likely", "Likely to renew"));
  static final String NO_ANSWER = "no-answer";
  private static final Logger log = LoggerFactory.getLogger(RenewalSurvey.class);

  private final CustomerLinks links;
  private final AccountContacts contacts;
  private final MailOutbox mail;
  private final Accounts accounts;
  private final RoleRecipients recipients;
  private final InformedRoles informed;
  private final RenewalProperties properties;
  private final String publicBaseUrl;
  private final RenewalDates dates;
  private final MailFormats formats;

  RenewalSurvey(CustomerLinks links, AccountContacts contacts, MailOutbox mail, Accounts accounts, RoleRecipients recipients,
      InformedRoles informed, RenewalProperties properties, @Value("${baton.public-base-url}") String publicBaseUrl,
      RenewalDates dates, MailFormats formats) {
    this.formats = formats;
    this.links = links;
    this.contacts = contacts;
    this.mail = mail;
    this.accounts = accounts;
    this.recipients = recipients;
    this.informed = informed;
    this.properties = properties;
    this.publicBaseUrl = publicBaseUrl;
    this.dates = dates;
  }

  /** "Send the renewal-likelihood survey": three signed links, valid as long as the process waits for them. */
  public void send(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    String accountName = (String) execution.getVariable("accountName");
    String to = (String) execution.getVariable("decisionMakerEmail");
    Object decisionMakerName = execution.getVariable("decisionMakerName");
    if (to == null) {
      // Nobody named on the value review: the account's decision maker from its contacts (docs/lifecycle.md).
      Optional<Contact> listed = contacts.first(accountId, "decision-maker");
      to = listed.map(Contact::email).orElse(null);
      decisionMakerName = listed.map(Contact::name).orElse(null);
    }
    LocalDate renewalDate = dates.date(execution.getVariable("renewalDate"));
    String renewal = formats.date(renewalDate);
    AskedQuestion question = links.ask(execution, new CustomerQuestion(ANSWERED_MESSAGE,
        "How likely are you to renew?",
        "At this point in time, how likely are you to renew your subscription (" + accountName + ", renewal date "
            + renewal + ")? One click is enough; a comment helps us help you.",
        CHOICES, true, Duration.ofDays(properties.surveyAnswerDays())));

    Map<String, Object> model = new HashMap<>();
    model.put("accountName", accountName);
    model.put("decisionMakerName", decisionMakerName);
    model.put("renewalDate", renewalDate);
    model.put("answerDays", properties.surveyAnswerDays());
    model.put("notLikelyUrl", question.link("not-likely"));
    model.put("unsureUrl", question.link("unsure"));
    model.put("likelyUrl", question.link("likely"));
    String delivery = mail.send(new OutgoingMail("renewal-survey", to == null ? List.of() : List.of(to),
        "How likely are you to renew? (" + accountName + ")", model, accountId).withLinksTo(question.id()));
    execution.setVariable("surveySentTo", to);
    if (delivery == null) {
      log.warn("Account {} has no decision maker e-mail (decisionMakerEmail, nor a decision-maker contact): "
          + "renewal survey not sent; "
          + "without an answer the CSM is asked to reach out in {} days", accountId, properties.surveyAnswerDays());
    }
  }

  /** "Record the answer": the survey answer goes on the account and decides the risk path. */
  public void recordAnswer(DelegateExecution execution) {
    String answer = (String) execution.getVariable("customerAnswer");
    String accountId = (String) execution.getVariable("accountId");
    String label = CHOICES.stream().filter(c -> c.answer().equals(answer)).map(Choice::label).findFirst().orElse(answer);
    execution.setVariable("renewalLikelihood", answer);
    Object comment = execution.getVariable("customerComment");
    execution.setVariable("renewalRisk", "Answer to the renewal survey: " + label
        + (comment == null ? "" : ". Comment: " + comment));
    accounts.recordRenewalLikelihood(accountId, answer);
    log.info("Account {} answered the renewal survey: {}", accountId, answer);
  }

  /** "Record: no answer": no answer in time counts as a risk (docs/domain.md#renewal-likelihood-survey). */
  public void recordNoAnswer(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    execution.setVariable("renewalLikelihood", NO_ANSWER);
    execution.setVariable("renewalRisk", "No answer to the renewal survey within " + properties.surveyAnswerDays()
        + " days (sent to " + execution.getVariable("surveySentTo") + ")");
    accounts.recordRenewalLikelihood(accountId, NO_ANSWER);
    log.info("Account {} did not answer the renewal survey in {} days: a risk, the CSM reaches out", accountId,
        properties.surveyAnswerDays());
  }

  /** "Notify the CS Lead" of a Not likely / Unsure answer: the step's raci.informed roles on the account. */
  public void notifyCsLead(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable("accountName"));
    model.put("renewalDate", dates.date(execution.getVariable("renewalDate")));
    model.put("renewalRisk", execution.getVariable("renewalRisk"));
    model.put("cockpitUrl", publicBaseUrl + "/camunda/app/cockpit/default/#/process-instance/"
        + execution.getProcessInstanceId());
    List<String> to = new ArrayList<>(informed.emails(execution, accountId));
    mail.send(new OutgoingMail("renewal-at-risk", to, "Renewal at risk: " + execution.getVariable("accountName"),
        model, accountId));
  }

  /** End of a risk task: the CSM's updated judgement of the likelihood goes on the account. */
  public void recordAssessment(DelegateExecution execution) {
    Object likelihood = execution.getVariable("renewalLikelihood");
    if (likelihood instanceof String value && !value.isBlank()) {
      accounts.recordRenewalLikelihood((String) execution.getVariable("accountId"), value);
    }
  }
}
