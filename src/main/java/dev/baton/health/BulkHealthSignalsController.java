package dev.baton.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/health-signals}: signals of many accounts in one call (a JSON array or NDJSON, at most
 * {@value BulkSignalReader#MAX_ITEMS}), each answered on its own as the HubSpot webhook batch answers its events
 * (scored, invalid, unknown, failed), so one bad item does not hold back the others: 200 with every item's
 * outcome, 400 problem+json (with the same outcomes) when no item was usable. Same callers as the
 * single-account endpoint: API clients (group integration) and administrators (docs/health.md).
 */
@RestController
class BulkHealthSignalsController {

  static final String PATH = "/api/health-signals";
  static final String NDJSON = "application/x-ndjson";
  private static final List<String> OUTCOMES = List.of(HealthSignalsInBulk.Outcome.SCORED, "invalid",
      HealthSignalsInBulk.Outcome.UNKNOWN, HealthSignalsInBulk.Outcome.FAILED);

  private final BulkSignalReader reader;
  private final HealthSignalsInBulk bulk;

  BulkHealthSignalsController(BulkSignalReader reader, HealthSignalsInBulk bulk) {
    this.reader = reader;
    this.bulk = bulk;
  }

  /** One item's answer; {@code index} is its position in the body (the line of NDJSON, from 0). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ItemResult(int index, String accountId, String outcome, String band, String previousBand, String problem,
      List<Map<String, String>> errors) {}

  @PostMapping(path = PATH, consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
  ResponseEntity<Object> post(HttpServletRequest request) throws IOException {
    boolean ndjson = MediaType.parseMediaType(request.getContentType()).isCompatibleWith(MediaType.parseMediaType(NDJSON));
    List<BulkSignalReader.Item> items = reader.read(request.getInputStream(), ndjson);
    Map<Integer, HealthSignalsInBulk.Outcome> outcomes = bulk.record(items.stream().filter(BulkSignalReader.Item::valid).toList());
    List<ItemResult> results = new ArrayList<>(items.size());
    for (BulkSignalReader.Item item : items) {
      if (!item.valid()) {
        results.add(new ItemResult(item.index(), item.accountId(), "invalid", null, null, item.problem(), item.errors()));
        continue;
      }
      HealthSignalsInBulk.Outcome outcome = outcomes.get(item.index());
      HealthReport report = outcome.report();
      results.add(new ItemResult(item.index(), item.accountId(), outcome.outcome(),
          report == null ? null : report.band(), report == null ? null : report.previousBand(), outcome.problem(),
          null));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    for (String outcome : OUTCOMES) {
      answer.put(outcome, results.stream().filter(r -> r.outcome().equals(outcome)).count());
    }
    answer.put("items", results);
    if (results.stream().allMatch(r -> r.outcome().equals("invalid") || r.outcome().equals(HealthSignalsInBulk.Outcome.UNKNOWN))) {
      // Nothing usable: a caller's mistake, named item by item (the first ones in the detail, all in items).
      List<String> problems = results.stream().limit(20).map(r -> "[" + r.index() + "] " + r.problem()).toList();
      throw new ApiProblem(HttpStatus.BAD_REQUEST, String.join("; ", problems)
          + (results.size() > problems.size() ? "; ... (see items)" : ""), answer);
    }
    return ResponseEntity.ok(answer);
  }
}
