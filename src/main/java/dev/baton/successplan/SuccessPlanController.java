package dev.baton.successplan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.contact.AccountTeamAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/accounts/{accountId}/success-plan} (docs/lifecycle.md#the-success-plan-api): the current plan
 * and every version before it, for the account's team, API clients and administrators.
 */
@RestController
class SuccessPlanController {

  private final SuccessPlanVersions versions;
  private final AccountTeamAccess access;

  SuccessPlanController(SuccessPlanVersions versions, AccountTeamAccess access) {
    this.versions = versions;
    this.access = access;
  }

  @GetMapping("/api/accounts/{accountId}/success-plan")
  Map<String, Object> get(@PathVariable String accountId) {
    access.check(accountId);
    List<SuccessPlanVersion> history = versions.history(accountId);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accountId", accountId);
    answer.put("current", history.isEmpty() ? null : shown(history.get(0)));
    answer.put("history", history.stream().skip(1).map(SuccessPlanController::shown).toList());
    return answer;
  }

  private static Map<String, Object> shown(SuccessPlanVersion version) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("version", version.version());
    shown.put("recordedAt", version.recordedAt());
    shown.put("source", version.source());
    shown.put("recordedBy", version.recordedBy());
    shown.put("objectives", list(version.plan().path("objectives")));
    shown.put("milestones", list(version.plan().path("milestones")));
    return shown;
  }

  private static JsonNode list(JsonNode node) {
    return node.isArray() ? node : JsonNodeFactory.instance.arrayNode();
  }
}
