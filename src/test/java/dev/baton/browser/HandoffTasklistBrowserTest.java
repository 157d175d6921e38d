package dev.baton.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.crm.BatonSignature;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Browser;
import dev.baton.support.Jobs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The handoff as its people do it, in a real browser: a won deal arrives by webhook, the sales rep
 * logs in to Tasklist, sees her checklist task (and nothing of other groups), fills the Camunda Form
 * and completes it; the CSM then finds the review task.
 */
@BatonIntegrationTest
@BrowserTest
class HandoffTasklistBrowserTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;

  @Test
  void aSalesRepCompletesTheChecklistInTasklistAndTheCsmGetsTheReview() throws Exception {
    String account = "browser-" + UUID.randomUUID().toString().substring(0, 8);
    String accountName = "Browser Test Co " + account.substring(8);
    String instance = postDealWon(account, accountName);
    Jobs.executeAll(management, instance);
    Task checklist = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(checklist.getTaskDefinitionKey()).isEqualTo("Task_CompleteChecklist");
    assertThat(checklist.getAssignee()).isEqualTo("sales-rep-demo");

    try (Browser browser = Browser.open(port, "handoff-tasklist")) {
      browser.go("/camunda/app/tasklist/default/").login("sales-rep-demo", "demo");
      browser.awaitText("My tasks");
      // The card shows the account (filter variables) and the due date.
      browser.awaitText(accountName);
      browser.awaitText("Due in");
      browser.screenshot("sales-rep-tasklist");

      browser.go("/camunda/app/tasklist/default/#/?task=" + checklist.getId());
      browser.awaitText("Complete the handoff checklist");
      WebElement form = browser.await(By.cssSelector(".fjs-form"));
      browser.screenshot("checklist-form");
      assertThat(browser.text()).doesNotContain("Diagnose and write the recovery plan");
      fillRequiredFields(browser, form);
      browser.screenshot("checklist-filled");
      browser.await(By.xpath("//button[normalize-space()='Complete']")).click();
      browser.waitFor(d -> tasks.createTaskQuery().taskId(checklist.getId()).count() == 0 ? Boolean.TRUE : null);
      browser.screenshot("checklist-completed");
    }

    Task review = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewChecklist");
    assertThat(runtime.getVariable(instance, "painPoints")).isEqualTo("Written in the browser");

    try (Browser browser = Browser.open(port, "handoff-tasklist-csm")) {
      browser.go("/camunda/app/tasklist/default/").login("csm-demo", "demo");
      browser.awaitText("My tasks");
      browser.go("/camunda/app/tasklist/default/#/?task=" + review.getId());
      browser.awaitText("Review the handoff checklist");
      browser.await(By.cssSelector(".fjs-form"));
      browser.screenshot("csm-review");
      // The sales rep's answers are shown to the CSM, read-only, in the review form.
      Object shown = browser.waitFor(d -> browser.script(
          "return Array.from(document.querySelectorAll('.fjs-form textarea')).some(t => t.value === 'Written in the browser' && t.readOnly) || null"));
      assertThat(shown).isEqualTo(Boolean.TRUE);
    }
  }

  @Test
  void completingTheChecklistWithMissingRequiredFieldsNamesThemNextToTheFieldsAndTheMessageLeavesTheButtonsFree()
      throws Exception {
    String account = "browser-" + UUID.randomUUID().toString().substring(0, 8);
    String instance = postDealWon(account, "Browser Test Co " + account.substring(8));
    Jobs.executeAll(management, instance);
    Task checklist = tasks.createTaskQuery().processInstanceId(instance).singleResult();

    try (Browser browser = Browser.open(port, "handoff-tasklist-missing-fields")) {
      browser.go("/camunda/app/tasklist/default/").login("sales-rep-demo", "demo");
      browser.awaitText("My tasks");
      browser.go("/camunda/app/tasklist/default/#/?task=" + checklist.getId());
      browser.awaitText("Complete the handoff checklist");
      browser.await(By.cssSelector(".fjs-form"));
      WebElement complete = browser.await(By.xpath("//button[normalize-space()='Complete']"));
      browser.script("arguments[0].scrollIntoView({block: 'center'})", complete);
      complete.click();
      WebElement message = browser.await(By.cssSelector(".page-notifications .alert"));
      browser.screenshot("missing-fields");

      // form-js names each empty required field, under the field itself.
      Object named = browser.waitFor(d -> browser.script("""
          const field = Array.from(document.querySelectorAll('.fjs-form-field'))
            .find(f => f.querySelector('label')?.innerText.startsWith('Tough customer or easy sale'));
          return field && field.innerText.includes('Field is required.') ? true : null"""));
      assertThat(named).isEqualTo(Boolean.TRUE);
      // The red message opens at the top, under the task's toolbar, and no longer covers the buttons, which end
      // the long form low in the window.
      assertThat(((Number) browser.script("return arguments[0].getBoundingClientRect().top", message)).doubleValue())
          .isLessThan(200);
      Object overlaps = browser.script("""
          const a = arguments[0].getBoundingClientRect(), b = arguments[1].getBoundingClientRect();
          return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom""", message, complete);
      assertThat(overlaps).isEqualTo(Boolean.FALSE);
      assertThat(complete.isDisplayed()).isTrue();
      assertThat(tasks.createTaskQuery().taskId(checklist.getId()).count()).isEqualTo(1);
    }
  }

  /** Types into every empty required field of the Camunda Form (prefilled CRM data stays as it is). */
  static void fillRequiredFields(Browser browser, WebElement form) {
    for (WebElement field : form.findElements(By.cssSelector("input[required], textarea[required], input[aria-required=true], textarea[aria-required=true]"))) {
      String value = field.getAttribute("value");
      if (value == null || value.isBlank()) {
        field.sendKeys(field.getAttribute("type") != null && field.getAttribute("type").equals("number") ? "3" : "Written in the browser");
      }
    }
    // form-js selects are drop-down lists, not <select>: open each empty one and pick its first option.
    for (WebElement select : form.findElements(By.cssSelector(".fjs-form-field-select"))) {
      if (!select.findElements(By.cssSelector(".fjs-select-display")).isEmpty()
          && !select.findElement(By.cssSelector(".fjs-select-display")).getText().equals("Select")) {
        continue;
      }
      select.findElement(By.cssSelector(".fjs-input-group")).click();
      browser.await(By.cssSelector(".fjs-dropdownlist-item")).click();
    }
  }

  private String postDealWon(String account, String accountName) throws Exception {
    LocalDate today = LocalDate.now();
    String body = """
        {"crm": "zoho", "dealId": "%s", "accountId": "%s", "accountName": "%s",
         "amount": 36000, "currency": "EUR", "closeDate": "%s", "contractStart": "%s", "contractEnd": "%s",
         "renewalDate": "%s", "ownerEmail": "sales-rep-demo@example.com", "csmEmail": "csm-demo@example.com",
         "contacts": [{"name": "Ann Buyer", "email": "ann@%s.example", "role": "champion"}]}"""
        .formatted("deal-" + account, account, accountName, today, today.plusDays(7), today.plusYears(1),
            today.plusYears(1).plusDays(1), account);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/webhooks/crm"))
            .header("Content-Type", "application/json")
            .header(BatonSignature.HEADER, BatonSignature.sign("test-crm-webhook-secret", Instant.now().getEpochSecond(), bytes))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey("zoho:deal-" + account)
        .singleResult().getId();
  }
}
