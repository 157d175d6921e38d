package dev.baton.health;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.account.Accounts;
import dev.baton.web.ApiProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The health API (docs/health.md): signals in, the explained health score and its history out. */
@RestController
@RequestMapping("/api/accounts/{accountId}")
class HealthController {

  private final HealthSignalReader reader;
  private final HealthSignals signals;
  private final HealthScoreStore scores;
  private final Accounts accounts;
  private final RedHealthEscalations escalations;
  private final ObjectMapper json;

  HealthController(HealthSignalReader reader, HealthSignals signals, HealthScoreStore scores,
      Accounts accounts, RedHealthEscalations escalations, ObjectMapper json) {
    this.json = json;
    this.reader = reader;
    this.signals = signals;
    this.scores = scores;
    this.accounts = accounts;
    this.escalations = escalations;
  }

  @PostMapping(path = "/health-signals", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> post(@PathVariable String accountId, @RequestBody JsonNode body) {
    List<HealthSignal> received = reader.read(body);
    HealthReport report = signals.record(accountId, received);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", received.size());
    answer.put("health", withEscalation(report));
    return answer;
  }

  @GetMapping("/health")
  Map<String, Object> health(@PathVariable String accountId) {
    requireAccount(accountId);
    HealthReport report = scores.latest(accountId).orElseThrow(() -> ApiProblem.notFound(
        "accountId: account '" + accountId + "' has no health score yet; POST signals to /api/accounts/"
            + accountId + "/health-signals"));
    return withEscalation(report);
  }

  @GetMapping("/health/history")
  List<HealthReport> history(@PathVariable String accountId,
      @RequestParam(defaultValue = "50") int limit) {
    requireAccount(accountId);
    if (limit < 1 || limit > 500) {
      throw ApiProblem.badRequest("limit: must be between 1 and 500");
    }
    return scores.history(accountId, limit);
  }

  private Map<String, Object> withEscalation(HealthReport report) {
    Map<String, Object> answer = json.convertValue(report, new TypeReference<LinkedHashMap<String, Object>>() {});
    // The running RedHealthEscalation's process instance id (Cockpit), or null.
    answer.put("escalationProcessInstanceId", escalations.running(report.accountId()).orElse(null));
    return answer;
  }

  private void requireAccount(String accountId) {
    if (!accounts.exists(accountId)) {
      throw ApiProblem.notFound("accountId: no account '" + accountId + "'");
    }
  }
}
