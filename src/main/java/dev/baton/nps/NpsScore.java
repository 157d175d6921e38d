package dev.baton.nps;

import java.util.Collection;

/** The Net Promoter arithmetic (docs/domain.md#nps): 9-10 promoters, 7-8 passives, 0-6 detractors. */
final class NpsScore {

  static final String PROMOTER = "promoter";
  static final String PASSIVE = "passive";
  static final String DETRACTOR = "detractor";

  private NpsScore() {}

  static String category(int score) {
    return score >= 9 ? PROMOTER : score >= 7 ? PASSIVE : DETRACTOR;
  }

  /** Promoters % minus detractors %, rounded to a whole number; null without answers. */
  static Integer of(Collection<Integer> scores) {
    if (scores.isEmpty()) {
      return null;
    }
    long promoters = scores.stream().filter(s -> s >= 9).count();
    long detractors = scores.stream().filter(s -> s <= 6).count();
    return (int) Math.round(100.0 * (promoters - detractors) / scores.size());
  }
}
