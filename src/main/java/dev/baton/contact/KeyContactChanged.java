package dev.baton.contact;

import java.util.List;

/**
 * The account's key person for a persona changed: the first contact holding {@code champion} or
 * {@code executive-sponsor} is now someone else (another e-mail address) than before. Published inside the
 * transaction that replaced the contact list, so a failure of a listener (the new-champion process) rolls the
 * change back. Not published when the persona had no holder before (the list was first filled, at the handoff
 * or by the first PUT), nor when the holder was removed without a successor.
 *
 * @param persona {@code champion} or {@code executive-sponsor}
 * @param previous who held it until now
 * @param current who holds it from now on
 */
public record KeyContactChanged(String accountId, String persona, Contact previous, Contact current) {

  /** The personas whose change is a moment of truth (docs/domain.md#moments-of-truth). */
  public static final List<String> KEY_PERSONAS = List.of("champion", "executive-sponsor");
}
