package dev.baton.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium driven by Debian's chromedriver, as a person uses Tasklist and Cockpit.
 * Screenshots of each step go to target/browser-screenshots/<test>/NN-step.png.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final WebDriver driver;
  private final String baseUrl;
  private final Path screenshots;
  private int step;

  private Browser(WebDriver driver, String baseUrl, Path screenshots) {
    this.driver = driver;
    this.baseUrl = baseUrl;
    this.screenshots = screenshots;
  }

  /** True where chromium and chromedriver are installed (`.ci/run` installs them). */
  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  public static Browser open(int port, String testName) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // No sandbox as root; no background traffic, which this machine's closed network refuses.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1400,1000", "--lang=en-US",
        "--user-data-dir=" + Files.createTempDirectory("baton-chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    Path dir = Files.createDirectories(Path.of("target", "browser-screenshots", testName));
    return new Browser(new ChromeDriver(service, options), "http://localhost:" + port, dir);
  }

  public Browser go(String path) {
    driver.get(baseUrl + path);
    return this;
  }

  /**
   * Logs in on a Camunda webapp's login page (already open). The webapp may draw its login form again while its
   * plugins load, dropping what was typed into the first one; so the form is filled again until it goes away.
   */
  public Browser login(String user, String password) {
    By form = By.cssSelector("form[name=signinForm]");
    for (int attempt = 1; ; attempt++) {
      WebElement name = await(By.cssSelector("form[name=signinForm] input[ng-model=username]"));
      name.clear();
      name.sendKeys(user);
      driver.findElement(By.cssSelector("form[name=signinForm] input[ng-model=password]")).sendKeys(password);
      driver.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
      try {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
          try {
            return d.findElements(form).stream().noneMatch(WebElement::isDisplayed);
          } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
            return false;
          }
        });
        return this;
      } catch (org.openqa.selenium.TimeoutException stillThere) {
        if (attempt == 3) {
          return this; // the caller's next wait fails with a screenshot of what the page shows
        }
      }
    }
  }

  public WebElement await(By by) {
    return waitFor(d -> {
      var found = d.findElements(by);
      return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    });
  }

  /** Waits until the page's text contains this. */
  public Browser awaitText(String text) {
    waitFor(d -> d.findElement(By.tagName("body")).getText().contains(text) ? Boolean.TRUE : null);
    return this;
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Waits up to a minute (the webapps load slowly on a busy 2-core machine); a timeout leaves a screenshot. */
  public <T> T waitFor(Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, Duration.ofSeconds(60)).until(condition::apply);
    } catch (org.openqa.selenium.TimeoutException timeout) {
      try {
        screenshot("timeout");
      } catch (IOException | RuntimeException ignored) {
        // the timeout is what matters
      }
      throw timeout;
    }
  }

  public Object script(String javascript, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(javascript, args);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Saves a screenshot named for the step, e.g. 03-checklist-form.png. */
  public Path screenshot(String name) throws IOException {
    Path file = screenshots.resolve(String.format("%02d-%s.png", ++step, name));
    Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
