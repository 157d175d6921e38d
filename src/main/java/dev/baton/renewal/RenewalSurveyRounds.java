package dev.baton.renewal;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The renewal-likelihood survey is asked periodically (docs/domain.md#renewal-likelihood-survey): a customer
 * whose first answer was Unsure, or who did not answer, is asked a second time
 * ({@code baton.renewal.offsets.survey-again}); a Not likely or Likely answer is not asked again, nor is
 * any second answer. The customer's own answer of each round is kept here ({@code surveyAnswer},
 * {@code firstSurveyAnswer}, {@code secondSurveyAnswer}), because the CSM's judgement on the risk task
 * replaces {@code renewalLikelihood} afterwards.
 */
@Component("renewalSurveyRounds")
public class RenewalSurveyRounds {

  static final int ROUNDS = 2;
  static final Set<String> ASK_AGAIN = Set.of("unsure", RenewalSurvey.NO_ANSWER);
  private static final Logger log = LoggerFactory.getLogger(RenewalSurveyRounds.class);

  /** End of "Record the answer" and of "Record: no answer": the round and the customer's answer in it. */
  public void answered(DelegateExecution execution) {
    int round = round(execution) + 1;
    Object answer = execution.getVariable("renewalLikelihood");
    execution.setVariable("surveyRound", round);
    execution.setVariable("surveyAnswer", answer);
    execution.setVariable(round == 1 ? "firstSurveyAnswer" : "secondSurveyAnswer", answer);
    log.info("Account {}: renewal survey {} of {} answered '{}'", execution.getVariable("accountId"), round, ROUNDS,
        answer);
  }

  /** Gateway "Ask the customer again?": after the first survey only, for Unsure or no answer. */
  public boolean askAgain(DelegateExecution execution) {
    return round(execution) < ROUNDS && ASK_AGAIN.contains(String.valueOf(execution.getVariable("surveyAnswer")));
  }

  private static int round(DelegateExecution execution) {
    return execution.getVariable("surveyRound") instanceof Number number ? number.intValue() : 0;
  }
}
