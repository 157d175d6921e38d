package dev.baton.account;

import java.util.List;

/**
 * The health bands an account may be in, worst first. The account module checks bands against this and
 * the health module, which configures them ({@code baton.health.bands}), provides it: so the account
 * module does not depend on health, which writes accounts (docs/architecture.md).
 */
public interface HealthBands {

  List<String> bands();
}
