package dev.baton.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import dev.baton.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist's header shows staff only the actions they may use: no "Create task" (Baton has no
 * standalone tasks), and "Start process" only for people who may start a process.
 */
@BatonIntegrationTest
@BrowserTest
class TasklistActionsBrowserTest {

  @LocalServerPort int port;

  @Test
  void aSalesRepSeesNeitherCreateTaskNorStartProcess() throws Exception {
    try (Browser browser = Browser.open(port, "tasklist-actions-sales-rep")) {
      browser.go("/camunda/app/tasklist/default/").login("sales-rep-demo", "demo");
      browser.awaitText("My tasks");
      WebElement startProcess = awaitStartProcessChecked(browser);
      browser.screenshot("sales-rep-header");
      assertThat(startProcess.getAttribute("data-baton-startable")).isEqualTo("false");
      assertThat(startProcess.isDisplayed()).isFalse();
      assertThat(browser.driver().findElement(By.cssSelector("li.create-task-action")).isDisplayed()).isFalse();
      assertThat(browser.text()).doesNotContain("Start process").doesNotContain("Create task");
    }
  }

  @Test
  void anAdministratorSeesStartProcessButNotCreateTask() throws Exception {
    try (Browser browser = Browser.open(port, "tasklist-actions-admin")) {
      browser.go("/camunda/app/tasklist/default/").login("demo", "demo");
      browser.awaitText("My tasks");
      WebElement startProcess = awaitStartProcessChecked(browser);
      browser.awaitText("Start process");
      browser.screenshot("admin-header");
      assertThat(startProcess.isDisplayed()).isTrue();
      assertThat(browser.driver().findElement(By.cssSelector("li.create-task-action")).isDisplayed()).isFalse();
      assertThat(browser.text()).doesNotContain("Create task");
    }
  }

  /** The header's "Start process" once Baton's script has asked the engine whether the person may start a process. */
  private static WebElement awaitStartProcessChecked(Browser browser) {
    return browser.waitFor(d -> d.findElements(By.cssSelector("li.start-process-action[data-baton-startable]"))
        .stream().findFirst().orElse(null));
  }
}
