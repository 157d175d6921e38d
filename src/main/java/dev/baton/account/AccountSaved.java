package dev.baton.account;

/**
 * Published (synchronously, inside the saving transaction) whenever an account is created or
 * changed through Baton's API or a CRM event; {@code previous} is null for a new account. Listeners
 * that start or reschedule processes join the transaction, so a failure saves nothing.
 */
public record AccountSaved(Account previous, Account current) {

  public boolean renewalDateChanged() {
    return previous == null
        ? current.renewalDate() != null
        : !java.util.Objects.equals(previous.renewalDate(), current.renewalDate());
  }
}
