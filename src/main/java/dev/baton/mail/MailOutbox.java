package dev.baton.mail;

import dev.baton.engine.WithoutAuthorization;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way Baton sends mail. The mail is rendered now and handed to a {@code MailDelivery}
 * process instance started in the caller's transaction: if the caller's work rolls back, no mail;
 * if it commits, the mail goes out from its own job, retried and never lost (see MailDelivery.bpmn).
 * Staff may read a delivery's variables, so a customer mail's links are not rendered here but added
 * when it is sent (SendMail).
 */
@Component
public class MailOutbox {

  public static final String PROCESS_KEY = "MailDelivery";
  /** The variable of a delivery that holds the mail's subject (the account timeline shows it). */
  public static final String SUBJECT_VARIABLE = MailVariables.SUBJECT;
  private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

  private final RuntimeService runtimeService;
  private final MailRenderer renderer;

  MailOutbox(RuntimeService runtimeService, MailRenderer renderer) {
    this.runtimeService = runtimeService;
    this.renderer = renderer;
  }

  /** Queues the mail; returns the delivery's process instance id, or null when it has no recipient. */
  public String send(OutgoingMail mail) {
    if (mail.to().isEmpty()) {
      log.warn("No recipient for the '{}' mail of account {}: nothing sent", mail.kind(), mail.accountId());
      return null;
    }
    MailRenderer.Rendered bodies = renderer.render(mail);
    var variables = Variables.createVariables()
        .putValue(MailVariables.KIND, mail.kind())
        .putValue(MailVariables.TO, String.join(",", mail.to()))
        .putValue(MailVariables.SUBJECT, mail.subject())
        .putValue(MailVariables.HTML, body(bodies.html()))
        .putValue(MailVariables.TEXT, body(bodies.text()))
        .putValue(MailVariables.ACCOUNT_ID, mail.accountId());
    if (mail.customerQuestionId() != null) {
      variables.putValue(MailVariables.CUSTOMER_QUESTION, mail.customerQuestionId());
    }
    if (mail.openTaskId() != null) {
      variables.putValue(MailVariables.ONLY_WHILE_TASK_OPEN, mail.openTaskId());
    }
    String id = WithoutAuthorization.call(() -> runtimeService
        .startProcessInstanceByKey(PROCESS_KEY, mail.accountId(), variables).getId());
    log.info("Queued '{}' mail for account {} to {} (delivery {})", mail.kind(), mail.accountId(), mail.to(), id);
    return id;
  }

  /**
   * A body as a JSON text: a plain string variable holds at most 4,000 characters, and a customer mail in its
   * layout is longer; JSON is kept whole in Camunda's byte arrays and still reads as text in Cockpit.
   */
  private static TypedValue body(String text) {
    return Variables.objectValue(text).serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
  }
}
