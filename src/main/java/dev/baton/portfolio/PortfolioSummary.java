package dev.baton.portfolio;

/**
 * The four numbers a CS Lead looks at first, over the accounts the caller sees. {@code arrRenewingAtRisk}: the
 * ARR of the accounts renewing within 90 days whose renewal is doubtful (not likely, unsure, or no answer), in
 * the reporting currency, with the accounts left out for want of a rate.
 */
record PortfolioSummary(long accounts, long redAccounts, long lateMomentsOfTruth, long openEscalations,
    ReportingCurrency.Total arrRenewingAtRisk, long renewalsWithin90Days) {}
