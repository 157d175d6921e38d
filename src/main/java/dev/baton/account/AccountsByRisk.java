package dev.baton.account;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One page of the book of business as {@link Accounts#pageByRisk} reads it: which accounts (the viewer's
 * visibility and the page's filters) and the risk order, so the database filters, sorts and pages
 * (docs/portfolio.md). What only the engine knows (late steps, escalations, running handoffs) comes in as
 * sets of account ids, read by the caller from the engine.
 *
 * <p>{@code teamMember}: null for every account, else only the accounts whose team the user is in.
 * {@code csm}, {@code segment}, {@code healthBand}, {@code nameContains}: null for any (segment and name ignore
 * case). {@code stage}: null for any; else the stage the processes recorded, or {@code handoff} while a handoff
 * runs ({@code inHandoff}), else {@code live}. {@code renewalFrom}, {@code renewalTo}: both null, or the renewal
 * date's range (both included). {@code bands}: the health bands, worst first. {@code late}, {@code escalated}:
 * the accounts with a late open step, with an escalation running. {@code riskyLikelihoods}: renewal likelihoods
 * that put the renewal at risk.
 */
public record AccountsByRisk(String teamMember, String csm, String segment, String healthBand, String stage,
    LocalDate renewalFrom, LocalDate renewalTo, String nameContains, Set<String> inHandoff, List<String> bands,
    Set<String> late, Set<String> escalated, List<String> riskyLikelihoods, long offset, int limit) {

  public AccountsByRisk {
    inHandoff = Set.copyOf(inHandoff);
    bands = List.copyOf(bands);
    late = Set.copyOf(late);
    escalated = Set.copyOf(escalated);
    riskyLikelihoods = List.copyOf(riskyLikelihoods);
  }

  /** {@code total} accounts match; {@code accounts} is the page, in risk order, with teams and lifecycle facts. */
  public record Page(long total, List<Account> accounts) {}
}
