package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * processes/CustomerSegmentation.dmn, rule by rule and at each threshold (docs/domain.md#csm-standard-operating-procedure: the handover
 * takes one to three days; segments by size, region and industry), each segment with its CSM pool
 * (docs/domain.md#coverage-ratios). Empty cells are unknown inputs.
 */
@BatonIntegrationTest
class CustomerSegmentationTest {

  @Autowired DecisionService decisions;

  @ParameterizedTest(name = "ACV {0}, {1} employees, {2}, {3} -> {4}, {5} day(s), pool {6}")
  @CsvSource({
      // Enterprise by contract value: 100,000 is the threshold
      "100000, , , , Enterprise, 3, csm-enterprise",
      "99999.99, , , , Mid-Market, 2, csm-mid-market",
      // Enterprise by size: 1,000 employees, whatever the contract
      "1000, 1000, , , Enterprise, 3, csm-enterprise",
      "1000, 999, , , Mid-Market, 2, csm-mid-market",
      // Regulated industries from 25,000 a year
      "25000, , , BANKING, Enterprise, 3, csm-enterprise",
      "25000, , , HOSPITAL_HEALTH_CARE, Enterprise, 3, csm-enterprise",
      "24999.99, , , INSURANCE, SMB, 1, csm-smb",
      "25000, , , COMPUTER_SOFTWARE, Mid-Market, 2, csm-mid-market",
      // Mid-Market by contract value, by size (200 employees)
      "25000, , , , Mid-Market, 2, csm-mid-market",
      "24999.99, , , , SMB, 1, csm-smb",
      ", 200, , , Mid-Market, 2, csm-mid-market",
      "4000, 199, , , Tech-touch, 1, csm-digital",
      // SMB: 5,000 a year; one more day for APAC and LATAM
      "5000, , , , SMB, 1, csm-smb",
      "5000, , EMEA, , SMB, 1, csm-smb",
      "5000, , NA, , SMB, 1, csm-smb",
      "5000, , APAC, , SMB, 2, csm-smb",
      "24999.99, , LATAM, , SMB, 2, csm-smb",
      "4999.99, , APAC, , Tech-touch, 1, csm-digital",
      // Tech-touch: small or unknown
      "4999.99, , , , Tech-touch, 1, csm-digital",
      "0, 0, , , Tech-touch, 1, csm-digital",
      ", , , , Tech-touch, 1, csm-digital"
  })
  void segmentsSlaDaysAndCsmPools(Double acv, Long employees, String region, String industry, String segment,
      int slaDays, String pool) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("annualContractValue", acv);
    inputs.put("employees", employees);
    inputs.put("region", region);
    inputs.put("industry", industry);

    DmnDecisionRuleResult result = decisions.evaluateDecisionTableByKey("CustomerSegmentation", inputs)
        .getSingleResult();

    assertThat(result.<String>getEntry("segment")).isEqualTo(segment);
    assertThat(result.<Integer>getEntry("handoffSlaDays")).isEqualTo(slaDays);
    assertThat(result.<String>getEntry("csmGroup")).isEqualTo(pool);
  }
}
