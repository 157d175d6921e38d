package dev.baton.mail;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/** Variables of a MailDelivery instance: what Cockpit shows of a mail waiting to be sent. */
final class MailVariables {
  static final String KIND = "mailKind";
  static final String TO = "mailTo";
  static final String SUBJECT = "mailSubject";
  static final String HTML = "mailHtml";
  static final String TEXT = "mailText";
  static final String ACCOUNT_ID = "accountId";
  /** The outbox row of the mail (its Message-ID); deliveries queued before the outbox existed use their own id. */
  static final String MAIL_ID = "mailId";
  /** The customer question whose links are put into the bodies as the mail is sent; never the links. */
  static final String CUSTOMER_QUESTION = "customerQuestionId";

  /** The task the mail asks for work on: once it is done, the mail is no longer sent. */
  static final String ONLY_WHILE_TASK_OPEN = "mailOnlyWhileTaskOpen";

  private MailVariables() {}

  static VariableMap of(QueuedMail mail) {
    VariableMap variables = Variables.createVariables()
        .putValue(KIND, mail.kind())
        .putValue(TO, mail.to())
        .putValue(SUBJECT, mail.subject())
        .putValue(HTML, body(mail.html()))
        .putValue(TEXT, body(mail.text()))
        .putValue(ACCOUNT_ID, mail.accountId());
    if (mail.id() != null) {
      variables.putValue(MAIL_ID, mail.id());
    }
    if (mail.customerQuestionId() != null) {
      variables.putValue(CUSTOMER_QUESTION, mail.customerQuestionId());
    }
    if (mail.openTaskId() != null) {
      variables.putValue(ONLY_WHILE_TASK_OPEN, mail.openTaskId());
    }
    return variables;
  }

  static QueuedMail read(DelegateExecution execution) {
    Map<String, Object> v = execution.getVariables();
    Object mailId = v.get(MAIL_ID);
    Object accountId = v.get(ACCOUNT_ID);
    return new QueuedMail(mailId == null ? execution.getProcessInstanceId() : mailId.toString(),
        accountId == null ? null : accountId.toString(), (String) v.get(KIND), (String) v.get(TO),
        (String) v.get(SUBJECT), (String) v.get(HTML), (String) v.get(TEXT), (String) v.get(CUSTOMER_QUESTION),
        (String) v.get(ONLY_WHILE_TASK_OPEN));
  }

  /**
   * A body as a JSON text: a plain string variable holds at most 4,000 characters, and a customer mail in its
   * layout is longer; JSON is kept whole in Camunda's byte arrays and still reads as text in Cockpit.
   */
  private static TypedValue body(String text) {
    return Variables.objectValue(text).serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
  }
}
