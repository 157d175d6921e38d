package dev.baton.portfolio;

import java.time.Instant;

/**
 * One thing Baton knows happened to an account, in business words. {@code kind}: process, step, mail, answer
 * or health; {@code late}: for a step, whether it was (or is) past its due date; null where that means nothing.
 */
public record TimelineEntry(Instant at, String kind, String title, String detail, String who, Boolean late) {}
