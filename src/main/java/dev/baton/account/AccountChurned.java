package dev.baton.account;

/** Published inside the transaction that marks an account as churned (the renewal's churned path). */
public record AccountChurned(String accountId) {}
