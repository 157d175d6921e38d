package dev.baton.portfolio;

/**
 * The four numbers a CS Lead looks at first, over the accounts the caller sees. {@code arrRenewingAtRisk} is
 * null: Baton does not record ARR yet.
 */
record PortfolioSummary(long accounts, long redAccounts, long lateMomentsOfTruth, long openEscalations,
    Long arrRenewingAtRisk, long renewalsWithin90Days) {}
