package dev.baton.contact;

import dev.baton.account.Accounts;
import dev.baton.mail.EmailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the contact list up to date from the forms that already ask for people: when a task with one of
 * these forms is completed, each person it names who is not yet on the account's list is added with the
 * matching persona (the value review's decision maker, executive and working team; the success plan's key
 * person). People already listed keep their entry: the list kept by the CSM or the CRM wins. A new executive named
 * by the value review goes before the earlier executive sponsors (and so is met as a new one). Listens to
 * Camunda's task events (the Spring eventing bridge), so no model needs a listener of its own.
 */
@Component
class ContactsFromForms {

  private static final Logger log = LoggerFactory.getLogger(ContactsFromForms.class);
  private static final Field DECISION_MAKER = new Field("decisionMakerName", "decisionMakerEmail", "decision-maker", false);
  // The value review names the customer's executive as of today: someone new there holds the role now.
  private static final Field EXECUTIVE = new Field(null, "customerExecutiveEmail", "executive-sponsor", true);
  private static final Field WORKING_TEAM = new Field(null, "workingTeamEmails", "user", false);
  private static final Field KEY_PERSON = new Field("successPlanApproverName", "successPlanApproverEmail", "champion", false);
  /** Form id to the people its fields name. */
  private static final Map<String, List<Field>> FORMS = Map.of(
      "renewal-value-review", List.of(DECISION_MAKER, EXECUTIVE, WORKING_TEAM),
      "onboarding-hold-kickoff", List.of(KEY_PERSON),
      "onboarding-revise-success-plan", List.of(KEY_PERSON),
      "onboarding-confirm-plan-by-call", List.of(KEY_PERSON));

  private final AccountContacts contacts;
  private final Accounts accounts;
  private final ContactProperties properties;

  ContactsFromForms(AccountContacts contacts, Accounts accounts, ContactProperties properties) {
    this.contacts = contacts;
    this.accounts = accounts;
    this.properties = properties;
  }

  @EventListener(condition = "#task.eventName == 'complete'")
  public void completed(DelegateTask task) {
    UserTask model = task.getBpmnModelElementInstance();
    List<Field> fields = model == null || model.getCamundaFormRef() == null ? List.of()
        : FORMS.getOrDefault(model.getCamundaFormRef(), List.of());
    if (fields.isEmpty() || !(task.getVariable("accountId") instanceof String account) || !accounts.exists(account)) {
      return;
    }
    List<Contact> list = new ArrayList<>(contacts.of(account));
    int before = list.size();
    for (Field field : fields) {
      if (!properties.personas().contains(field.persona())) {
        continue;
      }
      Object name = field.name() == null ? null : task.getVariable(field.name());
      for (String email : emails(task.getVariable(field.email()))) {
        if (list.stream().noneMatch(c -> c.email().equalsIgnoreCase(email))) {
          Contact added = new Contact(name instanceof String n && !n.isBlank() && n.length() <= 200 ? n.strip() : email,
              email, null, field.persona(), null);
          int holder = field.holdsNow() ? indexOfFirst(list, field.persona()) : -1;
          // Before the earlier holder, so the change is seen (KeyContactChanged); else at the end.
          list.add(holder < 0 ? list.size() : holder, added);
        }
      }
    }
    if (list.size() > before && list.size() <= ContactsReader.MAX_CONTACTS) {
      contacts.replace(account, list);
      log.info("Account {}: {} contact(s) added from the form of task '{}'", account, list.size() - before,
          task.getName());
    }
  }

  /** One address, or several separated by commas, semicolons or spaces; a part that is no address is skipped. */
  private static List<String> emails(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    for (String part : text.split("[,;\\s]+")) {
      if (EmailAddress.valid(part)) {
        found.add(part);
      }
    }
    return found;
  }

  private static int indexOfFirst(List<Contact> list, String persona) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).hasPersona(persona)) {
        return i;
      }
    }
    return -1;
  }

  /** @param holdsNow a new person named here goes before the persona's earlier holders */
  private record Field(String name, String email, String persona, boolean holdsNow) {}
}
