package dev.baton.handoff;

import dev.baton.mail.MailOutbox;
import dev.baton.mail.OutgoingMail;
import dev.baton.raci.RoleRecipients;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Introduce the CSM and CS Lead to the customer" (docs/domain.md#transition-steps, step 6; moment of truth
 * "Welcome the customer", docs/domain.md#the-eight-moments): the welcome mail to the customer's main contact, naming the CSM and the CS
 * Lead with their addresses, after the internal knowledge transfer (docs/domain.md#do-this-not-that).
 */
@Component("handoffIntroduction")
public class HandoffIntroduction {

  static final String KIND = "handoff-welcome";
  private static final Logger log = LoggerFactory.getLogger(HandoffIntroduction.class);

  /** The welcome template introduces the CSM and the CS Lead by name (fields csmName, csLeadName). */
  private static final String CS_LEAD = "cs-lead";

  private final RoleRecipients recipients;
  private final MailOutbox mail;

  HandoffIntroduction(RoleRecipients recipients, MailOutbox mail) {
    this.recipients = recipients;
    this.mail = mail;
  }

  public void welcome(DelegateExecution execution) {
    String accountId = (String) execution.getVariable(HandoffVariables.ACCOUNT_ID);
    String to = (String) execution.getVariable(HandoffVariables.CUSTOMER_CONTACT_EMAIL);
    if (to == null || to.isBlank()) {
      // The checklist form requires the contact's e-mail, so this only happens to a model changed without it.
      throw new ProcessEngineException("Account " + accountId + ": customerContactEmail is empty; set the customer's "
          + "main contact in the handoff checklist (or the variable in Cockpit), then retry");
    }
    Map<String, Object> model = new HashMap<>();
    model.put("accountName", execution.getVariable(HandoffVariables.ACCOUNT_NAME));
    model.put("contactName", execution.getVariable(HandoffVariables.CUSTOMER_CONTACT_NAME));
    model.put("csmName", person(execution.getVariable(HandoffVariables.CSM_USER_ID), accountId, CsmAssignment.CSM));
    model.put("csmEmail", execution.getVariable(HandoffVariables.CSM_EMAIL));
    List<String> leads = recipients.users(accountId, CS_LEAD);
    String lead = leads.isEmpty() ? null : leads.get(0);
    model.put("csLeadName", lead == null ? "our CS Lead" : recipients.personName(lead).orElse("our CS Lead"));
    model.put("csLeadEmail", lead == null ? null : recipients.emailsOf(List.of(lead)).stream().findFirst().orElse(null));
    model.put("kickoffDate", execution.getVariable("kickoffDate"));
    String subject = "Welcome, " + model.get("accountName") + ": meet your Customer Success team";
    String delivery = mail.send(new OutgoingMail(KIND, List.of(to), subject, model, accountId));
    execution.setVariable("welcomeMailTo", to);
    log.info("Account {}: welcome mail to {} introduces CSM {} and CS Lead {} (delivery {})", accountId, to,
        model.get("csmName"), model.get("csLeadName"), delivery);
  }

  private String person(Object userId, String accountId, String role) {
    // Customers read people's names, never login ids.
    String user = userId != null ? userId.toString()
        : recipients.users(accountId, role).stream().findFirst().orElse(null);
    return user == null ? "your Customer Success Manager"
        : recipients.personName(user).orElse("your Customer Success Manager");
  }
}
