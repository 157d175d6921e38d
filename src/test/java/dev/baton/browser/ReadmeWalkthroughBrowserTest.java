package dev.baton.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.baton.support.AppProcess;
import dev.baton.support.Browser;
import dev.baton.support.TestMailServer;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Steps 1 to 5 of the README's walk-through ("A first walk-through"), in order and as written there, on a Baton
 * started as {@code mvn spring-boot:run} starts it: its own JVM, the demo portfolio made in the background, the
 * job executor on, mails to an SMTP server (GreenMail, as the demo's mail catcher). Each person keeps one browser
 * and logs in once. Every page staff read is checked for developer words (file names, API paths, role ids,
 * variable keys, ISO dates). Step 6 is {@link ReadmeDealOfYourOwnBrowserTest}. Screenshots under
 * target/browser-screenshots/readme-walkthrough-*.
 */
@BrowserTest
class ReadmeWalkthroughBrowserTest {

  static final String TASKLIST = "/camunda/app/tasklist/default/";
  static final String COCKPIT = "/camunda/app/cockpit/default/";
  static final String ADMIN = "demo:demo";
  static final String SENT_BACK = "Add the customer's SSO contact and the warehouses of the pilot";

  /** What staff never read: file names, API paths, role ids, variable keys, model ids, templates, ISO dates. */
  static final List<Pattern> DEVELOPER_WORDS = List.of(
      Pattern.compile("\\w\\.(bpmn|dmn|form|java|ya?ml|json|html)\\b"),
      Pattern.compile("/api/|/engine-rest|/customer/"),
      Pattern.compile("(?<![\\w-])(cs-lead|cs-executive|sales-rep|sales-engineer|sales-manager|onboarding-rep"
          + "|onboarding-manager|account-manager|csm)(?![\\w-])"),
      Pattern.compile("\\b[a-z]+(?:[A-Z][a-z0-9]*)+\\b"),
      Pattern.compile("\\b(Task|Process|Event|Gateway|Field|Text)_\\w+"),
      Pattern.compile("\\{\\{|\\$\\{|\\bseed"),
      Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b"));

  // The demo's mails go to a real SMTP server, as to the demo's mail catcher (failing deliveries would keep the job
  // executor busy with retries while the walk-through waits for it).
  @RegisterExtension
  static GreenMailExtension mail = TestMailServer.create();

  final ObjectMapper json = new ObjectMapper();
  AppProcess app;

  @Test
  void stepsOneToFiveOfTheReadmesWalkThroughShowWhatTheReadmePromises() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    assertThat(readme).contains("1. **Sales rep.**", "2. **CSM.**", "3. **Knowledge transfer.**",
        "4. **Renewals and a red account.**", "5. **Manager.**");
    try (AppProcess started = AppProcess.launch("readme-walkthrough", "--spring.datasource.url="
        + AppProcess.fileDatabase("readme-walkthrough"), "--baton.demo.portfolio=true",
        "--camunda.bpm.job-execution.enabled=true")) {
      app = started;
      app.awaitStarted(Duration.ofSeconds(180));
      app.awaitOutput("Demo portfolio ready: 4 won deals (1 handed over), 2 renewals (in 100 and 40 days), "
          + "an NPS detractor and a business review due, 1 red account", Duration.ofSeconds(180));

      // One browser per person, each logged in once: switching person is switching window.
      try (Browser csm = Browser.open(app.port(), "readme-walkthrough-2-csm")) {
        try (Browser salesRep = Browser.open(app.port(), "readme-walkthrough-1-sales-rep")) {
          salesRepCompletesTheChecklist(salesRep);
          csmSendsItBackAndThenAcceptsIt(csm, salesRep);
          theKnowledgeTransferStartsTheOnboarding(salesRep, csm);
        }
        csmFindsRenewalsARedAccountAndTheLifecycle(csm);
        theManagerReadsTheBookOfBusinessInCockpit(csm);
      }
    }
  }

  /** 1. Sales rep: three checklists in My tasks, each card with its account and due date; one filled and completed. */
  private void salesRepCompletesTheChecklist(Browser salesRep) throws Exception {
    salesRep.go(TASKLIST).login("sales-rep-demo", "demo");
    salesRep.awaitText("My tasks").awaitText("Northwind Logistics").awaitText("Blue Harbor Foods")
        .awaitText("Pinecrest Dental Group");
    assertThat(count(salesRep.text(), "Complete the handoff checklist")).isEqualTo(3);
    // Each card with its account and due date; nothing of the other roles' work.
    assertThat(salesRep.text()).contains("Due in").doesNotContain("Review the handoff checklist")
        .doesNotContain("Diagnose and write the recovery plan");
    assertForStaff(salesRep, "sales rep's My tasks");
    salesRep.screenshot("my-tasks");

    String checklist = task("processInstanceBusinessKey=zoho:D-1001&taskDefinitionKey=Task_CompleteChecklist");
    WebElement form = openTask(salesRep, checklist, "Complete the handoff checklist");
    // Pre-filled from the CRM: the deal's value as people write it.
    salesRep.waitFor(d -> d.findElements(By.cssSelector(".fjs-form input")).stream()
        .anyMatch(input -> "€120,000".equals(input.getAttribute("value"))) ? Boolean.TRUE : null);
    assertForStaff(salesRep, "the handoff checklist");
    HandoffTasklistBrowserTest.fillRequiredFields(salesRep, form);
    salesRep.screenshot("checklist-filled");
    complete(salesRep, checklist);
  }

  /** 2. CSM: the review shows what Sales wrote; Incomplete with words (the sales rep reads them), then Complete. */
  private void csmSendsItBackAndThenAcceptsIt(Browser csm, Browser salesRep) throws Exception {
    csm.go(TASKLIST).login("csm-demo", "demo");
    csm.awaitText("My tasks");
    String review = task("processInstanceBusinessKey=zoho:D-1001&taskDefinitionKey=Task_ReviewChecklist");
    openTask(csm, review, "Review the handoff checklist");
    Object shown = csm.waitFor(d -> csm.script("return Array.from(document.querySelectorAll('.fjs-form textarea'))"
        + ".some(t => t.value === 'Written in the browser' && t.readOnly) || null"));
    assertThat(shown).as("what Sales wrote, read-only").isEqualTo(Boolean.TRUE);
    assertForStaff(csm, "the review of the handoff checklist");
    choose(csm, "Incomplete");
    field(csm, "What is missing", "textarea").sendKeys(SENT_BACK);
    csm.screenshot("review-sent-back");
    complete(csm, review);

    String again = task("processInstanceBusinessKey=zoho:D-1001&taskDefinitionKey=Task_CompleteChecklist");
    openTask(salesRep, again, "Complete the handoff checklist");
    // The CSM's words at the top of the checklist.
    WebElement missing = field(salesRep, "Sent back by the CSM: what is missing", "textarea");
    assertThat(missing.getAttribute("value")).isEqualTo(SENT_BACK);
    salesRep.screenshot("checklist-sent-back");
    complete(salesRep, again);

    String accept = task("processInstanceBusinessKey=zoho:D-1001&taskDefinitionKey=Task_ReviewChecklist");
    openTask(csm, accept, "Review the handoff checklist");
    choose(csm, "Complete");
    csm.screenshot("review-accepted");
    complete(csm, accept);
  }

  /** 3. The knowledge transfer, as the sales rep: the welcome mail goes out and the CSM schedules the kickoff. */
  private void theKnowledgeTransferStartsTheOnboarding(Browser salesRep, Browser csm) throws Exception {
    String transfer = task("processInstanceBusinessKey=zoho:D-1001&taskDefinitionKey=Task_KnowledgeTransfer");
    openTask(salesRep, transfer, "Hold the internal knowledge-transfer meeting");
    assertForStaff(salesRep, "the knowledge transfer");
    click(salesRep, field(salesRep, "Meeting held on", "input"));
    click(salesRep, salesRep.await(By.cssSelector(".flatpickr-calendar.open .flatpickr-day.today")));
    field(salesRep, "Who attended", "input").sendKeys("Sam Reyes (Sales Rep), Casey Morgan (CSM)");
    field(salesRep, "What the CSM learned", "textarea").sendKeys("Pilot in two warehouses first");
    salesRep.screenshot("knowledge-transfer");
    complete(salesRep, transfer);

    // The welcome mail to the customer (Northwind's contact from the CRM).
    awaitMailTo("ines.porter@northwind.example", Duration.ofSeconds(120));
    String kickoff = task("processInstanceBusinessKey=demo-northwind&taskDefinitionKey=Task_ScheduleKickoff"
        + "&assignee=csm-demo");
    openTask(csm, kickoff, "Schedule the external kickoff");
    csm.awaitText("Northwind Logistics");
    assertForStaff(csm, "the kickoff's scheduling");
    csm.screenshot("schedule-kickoff");
  }

  /** 4. As the CSM: renewal reviews, the red account, the NPS detractor, the business review; the two API reads. */
  private void csmFindsRenewalsARedAccountAndTheLifecycle(Browser csm) throws Exception {
    myTasks(csm);
    csm.awaitText("Schedule the external kickoff").awaitText("Internal account review")
        .awaitText("Brightline Analytics").awaitText("Cobalt Health Partners")
        .awaitText("Diagnose and write the recovery plan").awaitText("Redwood Retail")
        .awaitText("Close the loop with the detractor").awaitText("Prepare the business review");
    assertThat(count(csm.text(), "Internal account review")).isEqualTo(2);
    assertForStaff(csm, "the CSM's My tasks");
    csm.screenshot("my-tasks");
    for (String[] step : new String[][] {{"demo-brightline", "Task_InternalAccountReview", "Internal account review"},
        {"demo-redwood-retail", "Task_DiagnoseAndPlan", "Diagnose and write the recovery plan"},
        {"demo-cobalt", "Task_CloseTheLoop", "Close the loop with the detractor"},
        {"demo-cobalt", "Task_PrepareReview", "Prepare the business review"}}) {
      openTask(csm, task("processInstanceBusinessKey=" + step[0] + "&taskDefinitionKey=" + step[1]), step[2]);
      assertForStaff(csm, "the form of " + step[2]);
    }

    var health = app.get("/api/accounts/demo-redwood-retail/health", "integration-demo:demo");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("red", "Champion left");
    for (String reader : List.of("csm-demo:demo", "integration-demo:demo")) {
      var contacts = app.get("/api/accounts/demo-brightline/contacts", reader);
      assertThat(contacts.statusCode()).as(reader + ": " + contacts.body()).isEqualTo(200);
      assertThat(contacts.body()).contains("Maya Brandt", "\"persona\":\"decision-maker\"", "\"persona\":\"champion\"");
    }
    // The CS Lead was told of the detractor, the Account Manager consulted on the renewal reviews.
    awaitMailTo("cs-lead-demo@example.com", Duration.ofSeconds(60));
    awaitMailTo("account-manager-demo@example.com", Duration.ofSeconds(60));
  }

  /** 5. The CS Lead's Cockpit: the dashboard, Accounts, an account, the three reports, Cockpit's own pages; then the CSM. */
  private void theManagerReadsTheBookOfBusinessInCockpit(Browser csm) throws Exception {
    try (Browser lead = Browser.open(app.port(), "readme-walkthrough-3-cs-lead")) {
      PortfolioBrowserTest.logIn(lead, "cs-lead-demo");
      lead.awaitText("Book of business").awaitText("Late moments of truth").awaitText("ARR renewing in 90 days at risk")
          .awaitText("Open escalations");
      // ARR in the reporting currency, USD.
      assertThat(lead.driver().findElement(By.cssSelector(".baton-dashboard")).getText()).contains("$");
      assertForStaff(lead, "the dashboard's Book of business", ".baton-dashboard");
      lead.screenshot("dashboard");

      lead.go(COCKPIT + "#/accounts");
      lead.awaitText("Redwood Retail").awaitText("Brightline Analytics").awaitText("Northwind Logistics");
      List<WebElement> names = lead.driver().findElements(By.cssSelector("tr.baton-account td:first-child"));
      assertThat(names.get(0).getText()).as("most at risk first").isEqualTo("Redwood Retail");
      assertThat(lead.text()).contains("ARR");
      assertThat(lead.driver().findElements(By.cssSelector("form.baton-filters select"))).isNotEmpty();
      assertForStaff(lead, "Accounts", ".baton-accounts");
      lead.screenshot("accounts");
      click(lead, names.get(0).findElement(By.tagName("a")));
      lead.awaitText("Timeline").awaitText("Health turned red");
      assertThat(lead.text()).contains("Customer Success Manager", "Diagnose and write the recovery plan");
      assertForStaff(lead, "Redwood Retail's account page", ".baton-account-page");
      lead.screenshot("red-account");

      lead.go(COCKPIT + "#/moments-of-truth");
      lead.awaitText("Moment of truth").awaitText("On time %").awaitText("Median time")
          .awaitText("by CSM and segment");
      assertForStaff(lead, "Moments of truth", ".baton-moments");
      lead.screenshot("moments-of-truth");
      lead.go(COCKPIT + "#/renewals");
      awaitShown(lead, "by the renewal-likelihood answer", "Last 12 months", "Gross retention");
      assertForStaff(lead, "Renewals", ".baton-renewals");
      lead.screenshot("renewals");
      lead.go(COCKPIT + "#/team");
      awaitShown(lead, "Accounts against target", "Open steps", "Late steps", "Red accounts");
      assertForStaff(lead, "Team", ".baton-team");
      lead.screenshot("team");

      // Cockpit's own pages: the running processes and their timers.
      lead.go(COCKPIT + "#/processes");
      lead.awaitText("Sales-to-CS handoff").awaitText("Renewal preparation").awaitText("Red health escalation");
      lead.screenshot("processes");
    }
    // The CSM, already logged in to Tasklist, opens the same pages: only the accounts of their teams.
    PortfolioBrowserTest.logIn(csm, "csm-demo");
    csm.go(COCKPIT + "#/accounts");
    csm.awaitText("Redwood Retail").awaitText("Cobalt Health Partners");
    assertForStaff(csm, "the CSM's Accounts", ".baton-accounts");
    csm.screenshot("cockpit-accounts");
  }

  /** The id of the one task this REST query finds, once the job executor has made it. */
  private String task(String query) throws Exception {
    JsonNode found = awaitValue(() -> {
      try {
        JsonNode tasks = json.readTree(app.get("/engine-rest/task?" + query.replace(":", "%3A"), ADMIN).body());
        return tasks.isArray() && tasks.size() == 1 ? tasks.get(0) : null;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, Duration.ofSeconds(120), "a task for " + query);
    return found.path("id").asText();
  }

  /** Opens the task's form, as a click on its card in My tasks does. */
  private static WebElement openTask(Browser browser, String taskId, String name) {
    browser.go(TASKLIST + "#/?task=" + taskId);
    browser.awaitText(name);
    WebElement form = browser.await(By.cssSelector(".fjs-form"));
    // form-js draws the fields once the task's variables arrived.
    browser.await(By.cssSelector(".fjs-form .fjs-form-field"));
    return form;
  }

  /** Tasklist's My tasks, read again from the server. */
  private static void myTasks(Browser browser) {
    browser.go(TASKLIST + "#/");
    browser.driver().navigate().refresh();
    browser.awaitText("My tasks");
  }

  /** The input of the form field whose label starts with these words. */
  private static WebElement field(Browser browser, String label, String input) {
    return browser.await(By.xpath("//div[contains(@class,'fjs-form-field')][.//label[starts-with(normalize-space(),'"
        + label + "')]]//" + input));
  }

  /** Clicks the radio choice whose label starts with these words. */
  private static void choose(Browser browser, String choice) {
    click(browser, browser.await(By.xpath("//div[contains(@class,'fjs-form-field-radio')]//label[starts-with("
        + "normalize-space(),'" + choice + "')]")));
  }

  /** Clicks the element in the middle of the window, off Tasklist's fixed header and footer. */
  private static void click(Browser browser, WebElement element) {
    browser.script("arguments[0].scrollIntoView({block: 'center'})", element);
    element.click();
  }

  private void complete(Browser browser, String taskId) throws Exception {
    click(browser, browser.await(By.xpath("//button[normalize-space()='Complete']")));
    awaitValue(() -> {
      try {
        return app.get("/engine-rest/task/" + taskId, ADMIN).statusCode() == 404 ? Boolean.TRUE : null;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, Duration.ofSeconds(60), "task " + taskId + " completed");
  }

  private void awaitMailTo(String address, Duration timeout) throws Exception {
    awaitValue(() -> Arrays.stream(mail.getReceivedMessages()).anyMatch(m -> sentTo(m, address)) ? Boolean.TRUE : null,
        timeout, "a mail to " + address);
  }

  private static boolean sentTo(MimeMessage message, String address) {
    try {
      Address[] to = message.getRecipients(Message.RecipientType.TO);
      return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address));
    } catch (Exception e) {
      return false;
    }
  }

  /** Polls (the job executor works in the background) until the supplier answers, or fails naming what was awaited. */
  private static <T> T awaitValue(Supplier<T> value, Duration timeout, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      T found = value.get();
      if (found != null) {
        return found;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Waited " + timeout + " for " + what);
  }

  /** The page's text (or that of Baton's section of it) shows none of the developer words. */
  private static void assertForStaff(Browser browser, String where, String... section) {
    // innerText: what the page shows, also below the fold, where Cockpit's scrolling pane hides it from getText.
    String text = String.valueOf(section.length == 0 ? browser.script("return document.body.innerText")
        : browser.script("return arguments[0].innerText", browser.driver().findElement(By.cssSelector(section[0]))));
    for (Pattern pattern : DEVELOPER_WORDS) {
      Matcher found = pattern.matcher(text);
      if (found.find()) {
        throw new AssertionError(where + " shows the developer word '" + found.group() + "' in:\n" + text);
      }
    }
  }

  /** Waits until the page shows these texts, also below the fold (innerText). */
  private static void awaitShown(Browser browser, String... texts) {
    for (String text : texts) {
      browser.waitFor(d -> String.valueOf(browser.script("return document.body.innerText")).contains(text) ? Boolean.TRUE : null);
    }
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
