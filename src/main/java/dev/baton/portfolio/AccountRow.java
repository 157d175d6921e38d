package dev.baton.portfolio;

import dev.baton.account.Arr;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of the book of business. {@code arr}: the contract value as recorded (null: not recorded);
 * {@code arrConverted}: the same in the reporting currency (null: not recorded, or no rate for its currency).
 * {@code healthTrend}: the band 90 days ago (or at its first computation since) and now, as worse, better or
 * steady; {@code late}: a step of one of its moments of truth is past due.
 */
public record AccountRow(
    String accountId, String name, String segment, String csm, Arr arr, BigDecimal arrConverted, String healthBand,
    String healthTrend, String healthReason, String stage, OpenTask momentOfTruth, long openSteps, long lateSteps, boolean late,
    boolean escalationOpen, LocalDate renewalDate, String renewalLikelihood) {}
