package dev.baton.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.account.Account;
import dev.baton.account.AccountService;
import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Browser;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A CSM raises an expansion opportunity from Tasklist's "Start process" with its start form: an unknown account
 * is refused with the message naming the field, the right one starts the process with the CSM as raiser.
 */
@BatonIntegrationTest
@BrowserTest
class ExpansionStartFormBrowserTest {

  @LocalServerPort int port;
  @Autowired AccountService accountService;
  @Autowired RuntimeService runtime;

  @Test
  void aCsmRaisesAnExpansionOpportunityWithTheStartForm() throws Exception {
    String account = "browser-csql-" + UUID.randomUUID().toString().substring(0, 8);
    accountService.save(new Account(account, "Browser CSQL Co", "smb", null, null,
        Map.of("csm", "csm-demo", "account-manager", "account-manager-demo")));

    try (Browser browser = Browser.open(port, "expansion-start-form")) {
      browser.go("/camunda/app/tasklist/default/").login("csm-demo", "demo");
      browser.awaitText("My tasks");
      browser.waitFor(d -> d.findElements(By.cssSelector("li.start-process-action[data-baton-startable=true]"))
          .stream().findFirst().orElse(null));
      browser.await(By.cssSelector("li.start-process-action a")).click();
      browser.awaitText("Expansion opportunity (CSQL)");
      browser.screenshot("start-process-dialog");
      browser.await(By.xpath("//a[normalize-space()='Expansion opportunity (CSQL)']")).click();
      WebElement form = browser.await(By.cssSelector(".fjs-form"));
      browser.screenshot("expansion-start-form");

      field(browser, "Account (its id in Baton)", "input").sendKeys("no-such-account");
      field(browser, "What the customer needs", "textarea").sendKeys("Twenty more seats");
      field(browser, "Estimated value", "input").sendKeys("12000");
      form.findElement(By.cssSelector(".fjs-form-field-select .fjs-input-group")).click();
      browser.await(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space()='High']")).click();
      browser.await(By.xpath("//button[normalize-space()='Start']")).click();
      browser.awaitText("there is no account 'no-such-account'");
      browser.screenshot("expansion-start-form-unknown-account");

      WebElement accountField = field(browser, "Account (its id in Baton)", "input");
      accountField.clear();
      accountField.sendKeys(account);
      browser.await(By.xpath("//button[normalize-space()='Start']")).click();
      ProcessInstance started = browser.waitFor(d -> runtime.createProcessInstanceQuery()
          .processDefinitionKey("ExpansionOpportunity").processInstanceBusinessKey(account).singleResult());
      browser.screenshot("expansion-started");
      assertThat(runtime.getVariables(started.getId())).containsEntry("raisedBy", "csm-demo")
          .containsEntry("urgency", "high").containsEntry("expansionNeed", "Twenty more seats");
    }
  }

  /** The input of the form field with this label. */
  private static WebElement field(Browser browser, String label, String element) {
    return browser.await(By.xpath("//div[contains(@class,'fjs-form-field')][.//label[contains(normalize-space(), '"
        + label + "')]]//" + element));
  }
}
