package dev.baton.mail;

import dev.baton.engine.WithoutAuthorization;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

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
  private final TemplateEngine templates;
  private final String publicBaseUrl;

  public MailOutbox(RuntimeService runtimeService, @Qualifier("mailTemplateEngine") TemplateEngine templates,
      @Value("${baton.public-base-url}") String publicBaseUrl) {
    this.runtimeService = runtimeService;
    this.templates = templates;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** Queues the mail; returns the delivery's process instance id, or null when it has no recipient. */
  public String send(OutgoingMail mail) {
    if (mail.to().isEmpty()) {
      log.warn("No recipient for the '{}' mail of account {}: nothing sent", mail.kind(), mail.accountId());
      return null;
    }
    Map<String, Object> model = new HashMap<>(mail.model());
    model.putIfAbsent("publicBaseUrl", publicBaseUrl);
    model.putIfAbsent("accountId", mail.accountId());
    model.putIfAbsent("subject", mail.subject());
    Context context = new Context();
    context.setVariables(model);

    var variables = Variables.createVariables()
        .putValue(MailVariables.KIND, mail.kind())
        .putValue(MailVariables.TO, String.join(",", mail.to()))
        .putValue(MailVariables.SUBJECT, mail.subject())
        .putValue(MailVariables.HTML, templates.process("mail/" + mail.kind() + ".html", context))
        .putValue(MailVariables.TEXT, templates.process("mail/" + mail.kind() + ".txt", context))
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
}
