package dev.baton.engine;

/** Decides whether a password may be checked now, and hears how each check went (security.LoginThrottle). */
public interface PasswordAttempts {

  /** False refuses the check outright: it counts as a wrong password. */
  boolean mayCheck(String userId);

  void checked(String userId, boolean right);
}
