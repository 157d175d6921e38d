package dev.baton.review;

import dev.baton.calendar.BusinessTime;
import java.time.LocalDate;
import java.time.Period;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * The dates of BusinessReview.bpmn by expression: {@code ${reviewRhythm.prepareFrom(nextReviewOn)}} starts the
 * preparation {@code prepare-ahead} before the review day, {@code ${reviewRhythm.on(nextReviewOn)}} is the
 * review day itself (the due date of holding it). Each account counts from its own launch and last review.
 */
@Component("reviewRhythm")
public class ReviewRhythm {

  private final ReviewProperties properties;
  private final BusinessTime time;

  ReviewRhythm(ReviewProperties properties, BusinessTime time) {
    this.properties = properties;
    this.time = time;
  }

  public Date prepareFrom(Object reviewOn) {
    return at(LocalDate.parse(reviewOn.toString()).minus(properties.prepareAhead()));
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
