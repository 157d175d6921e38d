package dev.baton.renewal;

import dev.baton.successplan.SuccessPlanVersion;
import dev.baton.successplan.SuccessPlanVersions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The value review reads the current version of the living success plan (docs/lifecycle.md#the-living-success-plan):
 * {@code ${renewalSuccessPlan.bring(execution)}} as the task starts sets {@code successPlanSummary} and
 * {@code successPlanVersion}, shown read-only on its form.
 */
@Component("renewalSuccessPlan")
public class RenewalSuccessPlan {

  private final SuccessPlanVersions versions;

  RenewalSuccessPlan(SuccessPlanVersions versions) {
    this.versions = versions;
  }

  public void bring(DelegateExecution execution) {
    var current = versions.current((String) execution.getVariable("accountId"));
    execution.setVariable("successPlanVersion", current.map(SuccessPlanVersion::version).orElse(null));
    execution.setVariable("successPlanSummary", current.map(SuccessPlanVersion::summary)
        .orElse("No success plan recorded for this account."));
  }
}
