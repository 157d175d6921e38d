package dev.baton.account;

/**
 * Published inside the transaction that marks an account as churned (the renewal's churned path);
 * {@link ChurnedAccountProcesses} passes it to the account's processes as the message "AccountChurned".
 */
public record AccountChurned(String accountId) {}
