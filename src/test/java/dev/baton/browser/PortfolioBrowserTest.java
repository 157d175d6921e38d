package dev.baton.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.account.Account;
import dev.baton.account.AccountService;
import dev.baton.crm.BatonSignature;
import dev.baton.identity.IdentityBootstrap;
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
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Managers and CSMs see accounts in Cockpit, in a real browser: a portfolio like the demo's (a red account, a
 * handoff past its due date, renewals coming up, and an account of another CSM); the CS Lead sees all of it on
 * the dashboard, Accounts and Account pages, the CSM only their own accounts. Screenshots under
 * target/browser-screenshots/portfolio-*.
 */
@BatonIntegrationTest
@BrowserTest
class PortfolioBrowserTest {

  static final String COCKPIT = "/camunda/app/cockpit/default/";
  static final String RED_SIGNAL = "{\"timestamp\":\"%s\",\"weeklyActiveUsers\":12,\"licensedUsers\":100,\"nps\":3}";

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aCsLeadSeesTheWholeBookOfBusinessAndACsmOnlyTheirAccounts() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String otherCsm = "csm-" + tag;
    IdentityBootstrap.ensureUser(identity, otherCsm, "demo", "Other", "CSM", otherCsm + "@example.com");
    identity.createMembership(otherCsm, "csm");

    String red = save(tag + "-redwood", "Redwood Retail " + tag, "Mid-Market", LocalDate.now().plusDays(300), "csm-demo");
    signalRed(red);
    save(tag + "-cobalt", "Cobalt Health Partners " + tag, "Enterprise", LocalDate.now().plusDays(40), "csm-demo");
    String other = save(tag + "-harbor", "Harbor Other " + tag, "SMB", LocalDate.now().plusDays(60), otherCsm);
    String handoff = dealWon(tag + "-northwind", "Northwind Logistics " + tag);
    Jobs.executeAll(management, handoff);
    Task checklist = tasks.createTaskQuery().processInstanceId(handoff).singleResult();
    checklist.setDueDate(Date.from(Instant.now().minus(2, ChronoUnit.DAYS)));
    tasks.saveTask(checklist);

    try (Browser browser = Browser.open(port, "portfolio-cs-lead")) {
      logIn(browser, "cs-lead-demo");
      browser.awaitText("Red accounts").awaitText("Late moments of truth").awaitText("Open escalations")
          .awaitText("ARR renewing in 90 days at risk");
      browser.screenshot("dashboard");

      browser.go(COCKPIT + "#/accounts?q=" + tag);
      browser.awaitText("Redwood Retail " + tag).awaitText("Northwind Logistics " + tag)
          .awaitText("Cobalt Health Partners " + tag).awaitText("Harbor Other " + tag);
      browser.screenshot("accounts");
      // Most at risk first: the red account, then the late handoff.
      var names = browser.driver().findElements(By.cssSelector("tr.baton-account td:first-child"));
      assertThat(names.get(0).getText()).isEqualTo("Redwood Retail " + tag);
      assertThat(names.get(1).getText()).isEqualTo("Northwind Logistics " + tag);
      assertThat(browser.driver().findElement(By.cssSelector("tr[data-account='" + tag + "-northwind']")).getText())
          .contains("Complete the handoff checklist", "late");

      browser.go(COCKPIT + "#/accounts?q=" + tag + "&renewalWithinDays=90");
      browser.awaitText("2 accounts");
      assertThat(browser.text()).contains("Cobalt Health Partners " + tag, "Harbor Other " + tag)
          .doesNotContain("Redwood Retail " + tag);
      browser.screenshot("renewals-within-90-days");

      browser.go(COCKPIT + "#/account?id=" + red);
      browser.awaitText("Timeline").awaitText("Health turned red");
      assertThat(browser.text()).contains("Customer Success Manager", "Diagnose and write the recovery plan");
      // Its health over 90 days as a chart (green, then red).
      browser.await(By.cssSelector("canvas.baton-health-chart"));
      browser.screenshot("red-account");

      // The manager reports, each with its chart: the late handoff and the renewals coming up are there.
      browser.go(COCKPIT + "#/moments-of-truth");
      browser.awaitText("Moment of truth").awaitText("On time %");
      assertThat(browser.driver().findElements(By.cssSelector(".baton-moments canvas"))).isNotEmpty();
      browser.screenshot("moments-of-truth");
      browser.go(COCKPIT + "#/renewals");
      browser.awaitText("by the renewal-likelihood answer");
      browser.screenshot("renewals");
      browser.go(COCKPIT + "#/team");
      browser.awaitText("Accounts against target").awaitText("csm-demo");
      assertThat(browser.driver().findElements(By.cssSelector("tr.baton-csm[data-csm='csm-demo']"))).hasSize(1);
      browser.screenshot("team");
    }

    try (Browser browser = Browser.open(port, "portfolio-csm")) {
      logIn(browser, "csm-demo");
      browser.go(COCKPIT + "#/accounts?q=" + tag);
      browser.awaitText("Redwood Retail " + tag).awaitText("Northwind Logistics " + tag)
          .awaitText("Cobalt Health Partners " + tag);
      assertThat(browser.text()).doesNotContain("Harbor Other " + tag);
      browser.screenshot("my-accounts");

      browser.go(COCKPIT + "#/account?id=" + other);
      browser.awaitText("not in your book of business");
      browser.screenshot("not-mine");
    }
  }

  /**
   * Logs in to Cockpit and waits for Baton's dashboard numbers, which only a logged-in user gets. On a loaded
   * machine the login form can be shown before Cockpit listens to it, and a click then only reloads the page:
   * the login is then tried again.
   */
  static void logIn(Browser browser, String user) {
    for (int attempt = 1; ; attempt++) {
      browser.go(COCKPIT);
      Object state = browser.waitFor(d -> d.findElements(By.cssSelector("form[name=signinForm] input")).stream()
          .anyMatch(org.openqa.selenium.WebElement::isDisplayed) ? "form"
          : d.findElement(By.tagName("body")).getText().contains("Red accounts") ? "in" : null);
      if ("in".equals(state)) {
        return;
      }
      browser.login(user, "demo");
      try {
        browser.awaitText("Red accounts");
        return;
      } catch (org.openqa.selenium.TimeoutException notLoggedIn) {
        if (attempt == 3) {
          throw notLoggedIn;
        }
      }
    }
  }

  private String save(String id, String name, String segment, LocalDate renewal, String csm) {
    accounts.save(new Account(id, name, segment, renewal, "green", Map.of("csm", csm)));
    return id;
  }

  private void signalRed(String account) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/accounts/" + account + "/health-signals"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("integration-demo:demo".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(RED_SIGNAL.formatted(Instant.now().minusSeconds(60)))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private String dealWon(String account, String accountName) throws Exception {
    LocalDate today = LocalDate.now();
    String body = """
        {"crm": "zoho", "dealId": "%s", "accountId": "%s", "accountName": "%s",
         "amount": 120000, "currency": "EUR", "closeDate": "%s", "contractStart": "%s", "contractEnd": "%s",
         "renewalDate": "%s", "ownerEmail": "sales-rep-demo@example.com", "csmEmail": "csm-demo@example.com",
         "contacts": [{"name": "Ines Porter", "email": "ines@%s.example", "role": "champion"}]}"""
        .formatted("deal-" + account, account, accountName, today, today.plusDays(14), today.plusYears(1),
            today.plusYears(1).plusDays(14), account);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/webhooks/crm"))
            .header("Content-Type", "application/json")
            .header(BatonSignature.HEADER, BatonSignature.sign("test-crm-webhook-secret", Instant.now().getEpochSecond(), bytes))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey("zoho:deal-" + account).singleResult().getId();
  }
}
