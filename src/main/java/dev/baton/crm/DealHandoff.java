package dev.baton.crm;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where the webhooks hand each won deal: the Sales-to-CS handoff, started once per deal. The CRM module
 * owns this interface and the handoff module implements it, so the webhooks do not depend on the process
 * that reads their deals (docs/architecture.md).
 */
public interface DealHandoff {

  /** Starts the deal's handoff unless it has one; never starts two, also when called concurrently. */
  Started start(DealWon deal);

  enum Outcome {
    CREATED, DUPLICATE;

    @JsonValue
    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What happened to a deal: its handoff was created now, or it already had one. */
  record Started(Outcome outcome, String businessKey, String processInstanceId) {
    public boolean created() {
      return outcome == Outcome.CREATED;
    }
  }
}
