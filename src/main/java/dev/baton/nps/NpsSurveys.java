package dev.baton.nps;

import dev.baton.account.Accounts;
import dev.baton.calendar.BusinessTime;
import dev.baton.contact.AccountContacts;
import dev.baton.contact.Contact;
import dev.baton.customer.AskedQuestion;
import dev.baton.customer.CustomerLinks;
import dev.baton.customer.CustomerQuestion;
import dev.baton.customer.CustomerQuestion.Choice;
import dev.baton.health.CustomerTouch;
import dev.baton.health.HealthSignal;
import dev.baton.health.HealthSignals;
import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.raci.RoleRecipients;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The steps of NpsSurvey.bpmn (docs/lifecycle.md#nps-programme): open a survey round for the account's
 * contacts with the asked personas, mail each the Net Promoter question with eleven signed one-click links
 * (0-10), record each answer (and make it the account's {@code nps} health signal), thank promoters and
 * tell the CS Lead of detractors.
 */
@Component("npsSurveys")
public class NpsSurveys {

  /** The answer message of one respondent; the model's receive task waits for the same name. */
  static final String ANSWERED_MESSAGE = "NpsAnswered-";
  static final List<Choice> CHOICES = IntStream.rangeClosed(0, 10)
      .mapToObj(i -> new Choice(Integer.toString(i), Integer.toString(i))).toList();
  private static final Logger log = LoggerFactory.getLogger(NpsSurveys.class);

  private final NpsStore store;
  private final Accounts accounts;
  private final AccountContacts contacts;
  private final CustomerLinks links;
  private final MailOutbox mail;
  private final HealthSignals health;
  private final RoleRecipients recipients;
  private final NpsProperties properties;
  private final String publicBaseUrl;
  private final BusinessTime time;

  NpsSurveys(NpsStore store, Accounts accounts, AccountContacts contacts, CustomerLinks links, MailOutbox mail, HealthSignals health,
      RoleRecipients recipients, NpsProperties properties, @Value("${baton.public-base-url}") String publicBaseUrl,
      BusinessTime time) {
    this.store = store;
    this.accounts = accounts;
    this.contacts = contacts;
    this.links = links;
    this.mail = mail;
    this.health = health;
    this.recipients = recipients;
    this.properties = properties;
    this.publicBaseUrl = publicBaseUrl;
    this.time = time;
  }

  /** "Open the survey round": who is asked this time (variables npsSurveyId, npsSurveyedOn, npsRespondentCount). */
  public void open(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    Instant now = time.now();
    List<Contact> respondents = contacts.withPersonas(accountId, properties.personas());
    String id = UUID.randomUUID().toString();
    store.openSurvey(id, accountId, execution.getProcessInstanceId(), now, respondents);
    execution.setVariable("npsSurveyId", id);
    execution.setVariable("npsSurveyedOn", time.dateOf(now).toString());
    execution.setVariable("npsRespondentCount", respondents.size());
    if (respondents.isEmpty()) {
      log.warn("Account {} has no contact with a persona of {}: NPS survey {} asks nobody (keep the contacts with "
          + "PUT /api/accounts/{}/contacts)", accountId, properties.personas(), id, accountId);
    } else {
      log.info("Account {}: NPS survey {} goes to {} contact(s)", accountId, id, respondents.size());
    }
  }

  /** The multi-instance collection: the respondents' e-mail addresses of this round. */
  public List<String> respondents(String surveyId) {
    return store.respondents(surveyId);
  }

  /** "Ask: how likely are you to recommend us?": eleven links, valid as long as the process waits. */
  public void ask(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    String accountName = (String) execution.getVariable("accountName");
    String email = (String) execution.getVariable("respondentEmail");
    NpsStore.Response respondent = store.response((String) execution.getVariable("npsSurveyId"), email).orElseThrow();
    execution.setVariable("respondentName", respondent.name());
    AskedQuestion question = links.ask(execution, new CustomerQuestion(ANSWERED_MESSAGE + email,
        "How likely are you to recommend us to a friend or colleague?",
        "0 is not at all likely, 10 is extremely likely. A comment on why helps us most.",
        CHOICES, true, Duration.ofDays(properties.answerDays())));
    List<Map<String, String>> scores = new ArrayList<>();
    for (Choice choice : CHOICES) {
      scores.add(Map.of("score", choice.answer(), "url", question.link(choice.answer())));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", accountName);
    model.put("respondentName", respondent.name());
    model.put("scores", scores);
    model.put("answerDays", properties.answerDays());
    mail.send(new OutgoingMail("nps-survey", List.of(email), "How likely are you to recommend us? (" + accountName + ")",
        model, accountId).withLinksTo(question.id()));
  }

  /**
   * "Record the answer": stored for the respondent, and the account's {@code nps} health signal, scored
   * by HealthDimensions.dmn (a detractor can turn the account red and start the escalation).
   */
  public void recordAnswer(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    String email = (String) execution.getVariable("respondentEmail");
    int score = Integer.parseInt((String) execution.getVariable("customerAnswer"));
    Object comment = execution.getVariable("customerComment");
    Instant at = time.now();
    store.answered((String) execution.getVariable("npsSurveyId"), email, score,
        comment == null ? null : comment.toString(), at);
    execution.setVariable("npsScore", score);
    execution.setVariable("npsCategory", NpsScore.category(score));
    // The answer is a measurement (nps) and a customer touch (engagement), scored once.
    health.record(accountId, List.of(signal(score, at)), List.of(new CustomerTouch(at, "NPS answer")));
    log.info("Account {}: NPS answer {} ({})", accountId, score, NpsScore.category(score));
  }

  /** "Record: no response": nothing by answer-days; no task follows. */
  public void recordNoResponse(DelegateExecution execution) {
    store.noResponse((String) execution.getVariable("npsSurveyId"), (String) execution.getVariable("respondentEmail"));
    log.info("Account {}: no NPS answer in {} days from one respondent", execution.getVariable("accountId"),
        properties.answerDays());
  }

  /** "Thank the promoter": a short thank-you mail to the respondent. */
  public void thankPromoter(DelegateExecution execution) {
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable("accountName"));
    model.put("respondentName", execution.getVariable("respondentName"));
    mail.send(new OutgoingMail("nps-thank-you", List.of((String) execution.getVariable("respondentEmail")),
        "Thank you for your feedback", model, (String) execution.getVariable("accountId")));
  }

  /** "Tell the CS Lead": a detractor answered; the CSM closes the loop. */
  public void notifyCsLead(DelegateExecution execution) {
    String accountId = (String) execution.getVariable("accountId");
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable("accountName"));
    model.put("respondentName", execution.getVariable("respondentName"));
    model.put("score", execution.getVariable("npsScore"));
    model.put("comment", execution.getVariable("customerComment"));
    model.put("cockpitUrl", publicBaseUrl + "/camunda/app/cockpit/default/#/process-instance/"
        + execution.getProcessInstanceId());
    mail.send(new OutgoingMail("nps-detractor", recipients.emails(accountId, "cs-lead"),
        "NPS detractor: " + execution.getVariable("accountName"), model, accountId));
  }

  /** "Close the survey round": after every respondent's path, or when the account churns. */
  public void close(DelegateExecution execution) {
    Object id = execution.getVariable("npsSurveyId");
    if (id != null) {
      store.closeSurvey(id.toString(), time.now());
    }
  }

  /** Gateway "Account still live?": the account exists and has not churned. */
  public boolean live(String accountId) {
    return accounts.find(accountId).map(a -> !"churned".equals(a.lifecycle().get("stage"))).orElse(false);
  }

  private static HealthSignal signal(int score, Instant at) {
    return new HealthSignal(at.atOffset(ZoneOffset.UTC), null, null, null, null, null, null, null, score, null, null,
        null, null, null);
  }
}
