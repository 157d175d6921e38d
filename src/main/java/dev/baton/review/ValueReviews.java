package dev.baton.review;

import java.time.LocalDate;
import java.util.List;

/**
 * The renewal's value reviews of an account, held or due: each counts as a business review, so no business
 * review is held within {@code baton.reviews.min-gap} of one (docs/lifecycle.md#business-reviews). Implemented
 * by the renewal module, which owns the value review; this module sits below it and does not depend on it.
 */
public interface ValueReviews {

  /** The days of the account's value reviews already held and of the one due in its running renewal preparation. */
  List<LocalDate> heldOrDue(String accountId);
}
