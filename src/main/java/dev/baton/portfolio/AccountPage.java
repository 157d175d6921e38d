package dev.baton.portfolio;

import java.util.List;

/** One page of the book of business: {@code total} accounts match the filters, {@code accounts} is this page. */
record AccountPage(long total, int page, int size, List<AccountRow> accounts) {}
