package dev.baton.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every band edge of processes/HealthDimensions.dmn and every rule of processes/HealthScore.dmn
 * (dimensions and groups from docs/domain.md#health-scores). An empty CSV cell is "no signal yet" (null).
 */
@BatonIntegrationTest
class HealthDecisionTablesTest {

  @Autowired DecisionService decisions;
  @Autowired HealthScorer scorer;

  @ParameterizedTest(name = "licences activated {0}% -> {1}")
  @CsvSource({",unknown", "0,red", "49.99,red", "50,yellow", "79.99,yellow", "80,green", "100,green", "150,green"})
  void deploymentBandsByLicenceActivation(Double percent, String band) {
    assertThat(band("DeploymentHealth", vars("licenceActivation", percent))).isEqualTo(band);
  }

  @ParameterizedTest(name = "last touch {0} days ago -> {1}")
  @CsvSource({",unknown", "0,green", "30,green", "31,yellow", "60,yellow", "61,red", "3650,red"})
  void engagementBandsByDaysSinceLastTouch(Integer days, String band) {
    assertThat(band("EngagementHealth", vars("daysSinceLastTouch", days))).isEqualTo(band);
  }

  @ParameterizedTest(name = "WAU {0}%, features {1}% -> {2}")
  @CsvSource({
      ",,unknown",
      "39.99,,red", "40,,yellow", "59.99,,yellow", "60,,green",
      ",19.99,red", ",20,yellow", ",49.99,yellow", ",50,green",
      "60,50,green", "60,49.99,yellow", "59.99,50,yellow", "39.99,100,red", "100,19.99,red", "40,20,yellow"})
  void adoptionBandsByWeeklyActiveUsersAndFeatures(Double wau, Double features, String band) {
    Map<String, Object> v = vars("weeklyActiveUsage", wau);
    v.put("featureAdoption", features);
    assertThat(band("AdoptionHealth", v)).isEqualTo(band);
  }

  @ParameterizedTest(name = "goal attainment {0}% -> {1}")
  @CsvSource({",unknown", "0,red", "59.99,red", "60,yellow", "89.99,yellow", "90,green", "250,green"})
  void roiBandsByGoalAttainment(Double percent, String band) {
    assertThat(band("RoiHealth", vars("goalAttainment", percent))).isEqualTo(band);
  }

  @ParameterizedTest(name = "NPS {0} -> {1}")
  @CsvSource({",unknown", "0,red", "6,red", "7,yellow", "8,yellow", "9,green", "10,green"})
  void npsBandsDetractorPassivePromoter(Integer nps, String band) {
    assertThat(band("NpsHealth", vars("nps", nps))).isEqualTo(band);
  }

  @ParameterizedTest(name = "satisfaction {0}, escalated tickets {1} -> {2}")
  @CsvSource({
      ",,unknown",
      ",0,green", ",1,yellow", ",2,yellow", ",3,red",
      "2.99,,red", "3,,yellow", "3.99,,yellow", "4,,green", "5,,green", "1,,red",
      "5,0,green", "5,3,red", "4,1,yellow", "2,0,red", "3.5,0,yellow"})
  void supportBandsBySatisfactionAndEscalatedTickets(Double satisfaction, Integer tickets, String band) {
    Map<String, Object> v = vars("supportSatisfaction", satisfaction);
    v.put("openEscalatedTickets", tickets);
    assertThat(band("SupportHealth", v)).isEqualTo(band);
  }

  @ParameterizedTest(name = "CSM sentiment {0} -> {1}")
  @CsvSource({"red,red", "yellow,yellow", "green,green", ",unknown"})
  void sentimentBandIsTheCsmsCall(String sentiment, String band) {
    assertThat(band("SentimentHealth", vars("csmSentiment", sentiment))).isEqualTo(band);
  }

  @ParameterizedTest(name = "deployment {0}, engagement {1}, adoption {2}, ROI {3} -> {4} ({5})")
  @CsvSource({
      "green,green,red,green,red,AdoptionRed",
      "green,green,green,red,red,RoiRed",
      "red,red,green,green,red,DeploymentAndEngagementRed",
      "red,green,green,green,yellow,DeploymentRed",
      "green,red,green,green,yellow,EngagementRed",
      "yellow,green,green,green,yellow,DeploymentYellow",
      "green,yellow,green,green,yellow,EngagementYellow",
      "green,green,yellow,green,yellow,AdoptionYellow",
      "green,green,green,yellow,yellow,RoiYellow",
      "unknown,unknown,unknown,unknown,unknown,NoData",
      "green,green,green,green,green,AllGreen",
      "unknown,green,unknown,unknown,green,AllGreen"})
  void outcomesCombinesDeploymentEngagementAdoptionAndRoi(String deployment, String engagement, String adoption,
      String roi, String band, String rule) {
    Map<String, Object> v = new HashMap<>(Map.of("deploymentBand", deployment, "engagementBand", engagement,
        "adoptionBand", adoption, "roiBand", roi));
    assertThat(band("OutcomesHealth", v)).isEqualTo(band);
    assertThat(rule("OutcomesHealth", v)).isEqualTo("Rule_OutcomesHealth_" + rule);
  }

  @ParameterizedTest(name = "NPS {0}, support {1}, sentiment {2} -> {3} ({4})")
  @CsvSource({
      "green,red,green,red,SupportRed",
      "red,green,red,red,DetractorAndRedSentiment",
      "red,green,green,yellow,NpsRed",
      "green,green,red,yellow,SentimentRed",
      "yellow,green,green,yellow,NpsYellow",
      "green,yellow,green,yellow,SupportYellow",
      "green,green,yellow,yellow,SentimentYellow",
      "unknown,unknown,unknown,unknown,NoData",
      "green,green,green,green,AllGreen",
      "unknown,unknown,green,green,AllGreen"})
  void experienceCombinesNpsSupportAndSentiment(String nps, String support, String sentiment, String band, String rule) {
    Map<String, Object> v = new HashMap<>(Map.of("npsBand", nps, "supportBand", support, "sentimentBand", sentiment));
    assertThat(band("ExperienceHealth", v)).isEqualTo(band);
    assertThat(rule("ExperienceHealth", v)).isEqualTo("Rule_ExperienceHealth_" + rule);
  }

  @ParameterizedTest(name = "outcomes {0}, experience {1} -> {2} ({3})")
  @CsvSource({
      "red,green,red,OutcomesRed",
      "red,red,red,OutcomesRed",
      "green,red,yellow,ExperienceRedOutcomesGreen",
      "yellow,red,red,ExperienceRed",
      "unknown,red,red,ExperienceRed",
      "yellow,green,yellow,OutcomesYellow",
      "green,yellow,yellow,ExperienceYellow",
      "unknown,unknown,unknown,NoData",
      "green,green,green,Green",
      "green,unknown,green,Green"})
  void overallCombinesOutcomesAndExperience(String outcomes, String experience, String band, String rule) {
    // HealthScore requires OutcomesHealth and ExperienceHealth; evaluate its own table with their results.
    assertThat(decisions.evaluateDecisionTableByKey("HealthScore", scoreInputs(outcomes, experience))
        .getSingleResult().getSingleEntry().toString()).isEqualTo(band);
    assertThat(rule("HealthScore", scoreInputs(outcomes, experience))).isEqualTo("Rule_HealthScore_" + rule);
  }

  @Test
  void everyBandIsExplainedByTheAnnotationOfTheRuleThatMatched() {
    HealthMeasurements m = HealthMeasurements.of(45, 100, 30, 100, 10, 40, 12, 9, new BigDecimal("4.5"), 0,
        "yellow", "Champion left", new BigDecimal("95"), Map.of());
    HealthAssessment a = scorer.assess(m);
    HealthAssessment.Dimension adoption = a.dimensions().stream().filter(d -> d.name().equals("adoption")).findFirst().orElseThrow();
    assertThat(adoption.band()).isEqualTo("red");
    assertThat(adoption.rule()).isEqualTo("WAU/licensed below 40%");
    assertThat(adoption.ruleId()).isEqualTo("Rule_AdoptionHealth_LowDepth");
    assertThat(adoption.value()).contains("WAU 30 of 100 licensed users (30%)", "10 of 40 features adopted (25%)");
    assertThat(a.outcomes().band()).isEqualTo("red");
    assertThat(a.outcomes().rule()).isEqualTo("Adoption is red: the product is not being used");
    assertThat(a.experience().band()).isEqualTo("yellow");
    assertThat(a.overall().band()).isEqualTo("red");
    assertThat(a.overall().ruleId()).isEqualTo("Rule_HealthScore_OutcomesRed");
    assertThat(a.dimensions()).extracting(HealthAssessment.Dimension::name)
        .containsExactly("deployment", "engagement", "adoption", "roi", "nps", "support", "sentiment");
    assertThat(a.dimensions()).extracting(HealthAssessment.Dimension::band)
        .containsExactly("red", "green", "red", "green", "green", "green", "yellow");
  }

  /**
   * The overall table is evaluated through the DRD, so its required decisions get band inputs that
   * make them output exactly the given Outcomes and Experience bands.
   */
  private static Map<String, Object> scoreInputs(String outcomes, String experience) {
    Map<String, Object> v = new HashMap<>();
    v.put("deploymentBand", "unknown");
    v.put("engagementBand", "unknown");
    v.put("adoptionBand", outcomes);
    v.put("roiBand", "unknown");
    v.put("npsBand", "unknown");
    v.put("supportBand", experience);
    v.put("sentimentBand", "unknown");
    return v;
  }

  private String band(String decision, Map<String, Object> variables) {
    Object band = decisions.evaluateDecisionTableByKey(decision, variables).getSingleResult().getSingleEntry();
    return String.valueOf(band);
  }

  private String rule(String decision, Map<String, Object> variables) {
    java.util.List<org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent> events;
    DecisionTrace.open();
    try {
      decisions.evaluateDecisionByKey(decision).variables(variables).evaluate();
    } finally {
      events = DecisionTrace.close();
    }
    return events.stream().filter(e -> e.getDecision().getKey().equals(decision)).findFirst().orElseThrow()
        .getMatchingRules().get(0).getId();
  }

  private static Map<String, Object> vars(String name, Object value) {
    Map<String, Object> v = new HashMap<>();
    v.put(name, value);
    return v;
  }
}
