package dev.baton.nps;

import java.time.LocalDate;
import java.util.Date;
import dev.baton.calendar.BusinessTime;
import org.springframework.stereotype.Component;

/**
 * The timers of NpsSurvey.bpmn by expression: {@code ${npsRhythm.firstSurvey(launchedOn)}},
 * {@code ${npsRhythm.nextSurvey(npsSurveyedOn)}}, {@code ${npsRhythm.answerWait()}}. Each account counts
 * from its own launch, so a portfolio's surveys spread over the half-year instead of firing on one day.
 */
@Component("npsRhythm")
public class NpsRhythm {

  private final NpsProperties properties;
  private final BusinessTime time;

  NpsRhythm(NpsProperties properties, BusinessTime time) {
    this.properties = properties;
    this.time = time;
  }

  /**
   * {@code first-after} after the launch day (yyyy-MM-dd), at the configured time of day. For an account
   * launched long ago (its programme started later, see {@link NpsBackfill}) that day is stepped on by
   * {@code interval} until it is in the future: the account keeps the rhythm of its launch instead of
   * every such account being surveyed on the same day.
   */
  public Date firstSurvey(Object launchedOn) {
    LocalDate day = LocalDate.parse(launchedOn.toString()).plus(properties.firstAfter());
    Date now = time.nowAsDate();
    while (at(day).before(now)) {
      day = day.plus(properties.interval());
    }
    return at(day);
  }

  /** {@code interval} after the day the previous survey went out. */
  public Date nextSurvey(Object surveyedOn) {
    return at(LocalDate.parse(surveyedOn.toString()).plus(properties.interval()));
  }

  /** How long a respondent has to answer, as an ISO-8601 duration for the boundary timer. */
  public String answerWait() {
    return "P" + properties.answerDays() + "D";
  }

  private Date at(LocalDate day) {
    return Date.from(time.at(day, properties.at()).toInstant());
  }
}
