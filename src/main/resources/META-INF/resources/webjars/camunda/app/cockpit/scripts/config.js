/*
 * Baton's Cockpit configuration: Camunda 7.24's defaults (the webjar's copy sets nothing), plus Baton's pages
 * for managers and account teams: book-of-business.js (the dashboard's four numbers, Accounts and Account) and
 * reports.js (Moments of truth, Renewals and Team), docs/portfolio.md. Camunda reads this file in place of the
 * webjar's scripts/config.js; on an upgrade, compare it with the new webjar's copy.
 */
export default {
  customScripts: ['scripts/book-of-business', 'scripts/reports']
};
