package dev.baton.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Account;
import dev.baton.account.AccountService;
import dev.baton.calendar.BusinessTime;
import dev.baton.handoff.HandoffCompleted;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Jobs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff read the dates in a form's text as people write them in the company's language (en-US in tests:
 * "Dec 1, 2026"), never as ISO dates: the form's text filled in with the variables Tasklist loads for the task.
 */
@BatonIntegrationTest
class ReadableFormDatesTest {

  static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");
  static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transaction;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired ManagementService management;
  @Autowired AccountService accounts;
  @Autowired BusinessTime time;

  @Test
  void theOnboardingHeaderWritesCloseContractAndRenewalDatesAsPeopleDo() throws IOException {
    String account = "dates-onb-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> handoff = new LinkedHashMap<>();
    handoff.put("accountId", account);
    handoff.put("accountName", "Dates Co " + account.substring(10));
    handoff.put("segment", "Enterprise");
    handoff.put("crm", "hubspot");
    handoff.put("dealId", "deal-" + account);
    handoff.put("closeDate", "2026-12-01");
    handoff.put("contractStart", "2026-12-15");
    handoff.put("contractEnd", "2027-12-14");
    handoff.put("renewalDate", "2027-12-15");
    handoff.put("amount", 48000);
    handoff.put("currency", "EUR");
    handoff.put("csm", "csm-demo");
    handoff.put("salesRep", "sales-rep-demo");
    transaction.executeWithoutResult(status ->
        events.publishEvent(HandoffCompleted.of(account, "handoff-" + UUID.randomUUID(), handoff)));
    ProcessInstance onboarding = runtime.createProcessInstanceQuery().processDefinitionKey("OnboardingKickoff")
        .processInstanceBusinessKey(account).singleResult();
    Jobs.executeAll(management, onboarding.getId());
    Task schedule = tasks.createTaskQuery().processInstanceId(onboarding.getId())
        .taskDefinitionKey("Task_ScheduleKickoff").singleResult();

    String text = renderedText("onboarding-schedule-kickoff", forms.getTaskFormVariables(schedule.getId()));

    assertThat(text).contains("closed Dec 1, 2026 \u00b7 contract Dec 15, 2026 to Dec 14, 2027 \u00b7 renewal Dec 15, 2027",
        "\u20ac48,000");
    assertThat(ISO_DATE.matcher(text).find()).as(text).isFalse();
  }

  @Test
  void theRenewalsInternalReviewWritesTheRenewalDateAsPeopleDo() throws IOException {
    String account = "dates-ren-" + UUID.randomUUID().toString().substring(0, 8);
    LocalDate renewal = time.today().plusDays(100);
    accounts.save(new Account(account, "Dates Renewal Co", "Enterprise", renewal, null,
        Map.of("csm", "csm-demo", "account-manager", "account-manager-demo", "cs-lead", "cs-lead-demo")));
    ProcessInstance preparation = runtime.createProcessInstanceQuery().processDefinitionKey("RenewalPreparation")
        .processInstanceBusinessKey(account).singleResult();
    Jobs.executeAll(management, preparation.getId());
    Task review = tasks.createTaskQuery().processInstanceId(preparation.getId())
        .taskDefinitionKey("Task_InternalAccountReview").singleResult();

    String text = renderedText("renewal-internal-review", forms.getTaskFormVariables(review.getId()));

    String written = renewal.format(java.time.format.DateTimeFormatter.ofLocalizedDate(
        java.time.format.FormatStyle.MEDIUM).withLocale(java.util.Locale.US));
    assertThat(written).matches("[A-Z][a-z]{2} \\d{1,2}, \\d{4}");
    assertThat(text).contains(written);
    assertThat(ISO_DATE.matcher(text).find()).as(text).isFalse();
  }

  /** The form's text components with their templates filled in, as form-js renders them. */
  private static String renderedText(String form, VariableMap variables) throws IOException {
    JsonNode schema = new ObjectMapper().readTree(Path.of("forms", form + ".form").toFile());
    StringBuilder text = new StringBuilder();
    for (JsonNode component : schema.findParents("type")) {
      if ("text".equals(component.path("type").asText())) {
        Matcher m = TEMPLATE.matcher(component.path("text").asText());
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
          Object value = variables.get(m.group(1));
          m.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value.toString()));
        }
        m.appendTail(filled);
        text.append(filled).append('\n');
      }
    }
    return text.toString();
  }
}
