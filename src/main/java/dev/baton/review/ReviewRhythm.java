package dev.baton.review;

import dev.baton.calendar.BusinessTime;
import dev.baton.calendar.TimerSpread;
import java.time.LocalDate;
import java.time.Period;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * The dates of BusinessReview.bpmn by expression: {@code ${reviewRhythm.prepareFrom(nextReviewOn, accountId)}}
 * starts the preparation {@code prepare-ahead} before the review day, at the account's own moment of
 * {@code baton.timers.spread} after {@code at} ({@link TimerSpread}); {@code ${reviewRhythm.on(nextReviewOn)}} is
 * the review day itself at {@code at} (the due date of holding it). Each account counts from its own launch and
 * last review.
 */
@Component("reviewRhythm")
public class ReviewRhythm {

  private final ReviewProperties properties;
  private final BusinessTime time;
  private final TimerSpread spread;

  ReviewRhythm(ReviewProperties properties, BusinessTime time, TimerSpread spread) {
    this.properties = properties;
    this.time = time;
    this.spread = spread;
  }

  public Date prepareFrom(Object reviewOn, Object accountId) {
    return spread.dateAt(LocalDate.parse(reviewOn.toString()).minus(properties.prepareAhead()), properties.at(),
        accountId);
  }

  /** The preparation of a review scheduled by an older model, which names no account: not spread. */
  public Date prepareFrom(Object reviewOn) {
    return prepareFrom(reviewOn, null);
  }

  public Date on(Object reviewOn) {
    return at(LocalDate.parse(reviewOn.toString()));
  }

  /**
   * The next review day: one cadence after the last review (or the launch), stepped on by the cadence
   * until it is not before today, so an account whose reviews start late (a backfill, a new segment)
   * keeps the rhythm of its launch instead of every such account being reviewed on one day.
   */
  LocalDate next(LocalDate last, Period cadence) {
    LocalDate today = time.today();
    LocalDate day = last.plus(cadence);
    while (day.isBefore(today)) {
      day = day.plus(cadence);
    }
    return day;
  }

  private Date at(LocalDate day) {
    return Date.from(time.at(day, properties.at()).toInstant());
  }
}
