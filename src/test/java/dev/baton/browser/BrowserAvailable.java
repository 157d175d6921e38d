package dev.baton.browser;

import dev.baton.support.Browser;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs browser tests where chromium is installed; under CI a missing chromium is a failure, not a skip. */
class BrowserAvailable implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (Browser.available()) {
      return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("Browser tests need " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER
          + ": install the Debian packages chromium and chromium-driver (.ci/run does)");
    }
    return ConditionEvaluationResult.disabled("No chromium: apt-get install chromium chromium-driver to run browser tests");
  }
}
