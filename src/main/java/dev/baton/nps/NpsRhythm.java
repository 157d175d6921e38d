package dev.baton.nps;

import java.time.LocalDate;
import java.util.Date;
import dev.baton.calendar.BusinessTime;
import dev.baton.calendar.TimerSpread;
import org.springframework.stereotype.Component;

/**
 * The timers of NpsSurvey.bpmn by expression: {@code ${npsRhythm.firstSurvey(launchedOn, accountId)}},
 * {@code ${npsRhythm.nextSurvey(npsSurveyedOn, accountId)}}, {@code ${npsRhythm.answerWait()}}. Each account counts
 * from its own launch, so a portfolio's surveys spread over the half-year instead of firing on one day, and
 * within the day each account's surveys go out at its own moment of {@code baton.timers.spread} after
 * {@code baton.nps.at} ({@link TimerSpread}).
 */
@Component("npsRhythm")
public class NpsRhythm {

  private final NpsProperties properties;
  private final BusinessTime time;
  private final TimerSpread spread;

  NpsRhythm(NpsProperties properties, BusinessTime time, TimerSpread spread) {
    this.properties = properties;
    this.time = time;
    this.spread = spread;
  }

  /**
   * {@code first-after} after the launch day (yyyy-MM-dd), at the configured time of day. For an account
   * launched long ago (its programme started later, see {@link NpsBackfill}) that day is stepped on by
   * {@code interval} until it is in the future: the account keeps the rhythm of its launch instead of
   * every such account being surveyed on the same day.
   */
  public Date firstSurvey(Object launchedOn, Object accountId) {
    LocalDate day = LocalDate.parse(launchedOn.toString()).plus(properties.firstAfter());
    Date now = time.nowAsDate();
    while (at(day, accountId).before(now)) {
      day = day.plus(properties.interval());
    }
    return at(day, accountId);
  }

  /** {@code interval} after the day the previous survey went out. */
  public Date nextSurvey(Object surveyedOn, Object accountId) {
    return at(LocalDate.parse(surveyedOn.toString()).plus(properties.interval()), accountId);
  }

  /** The first survey of a programme started by an older model, which names no account: not spread. */
  public Date firstSurvey(Object launchedOn) {
    return firstSurvey(launchedOn, null);
  }

  /** The next survey of a programme started by an older model, which names no account: not spread. */
  public Date nextSurvey(Object surveyedOn) {
    return nextSurvey(surveyedOn, null);
  }

  /** How long a respondent has to answer, as an ISO-8601 duration for the boundary timer. */
  public String answerWait() {
    return "P" + properties.answerDays() + "D";
  }

  private Date at(LocalDate day, Object accountId) {
    return spread.dateAt(day, properties.at(), accountId);
  }
}
