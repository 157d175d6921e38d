package dev.baton.portfolio;

import java.time.LocalDate;

/**
 * One line of the book of business. {@code healthTrend}: the band 90 days ago (or at its first computation
 * since) and now, as worse, better or steady; {@code late}: a step of one of its moments of truth is past due.
 * {@code arr}: not recorded by Baton yet (null).
 */
public record AccountRow(
    String accountId, String name, String segment, String csm, Long arr, String healthBand, String healthTrend,
    String healthReason, String stage, OpenTask momentOfTruth, long lateSteps, boolean late, boolean escalationOpen,
    LocalDate renewalDate, String renewalLikelihood) {}
