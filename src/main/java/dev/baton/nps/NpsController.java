package dev.baton.nps;

import dev.baton.calendar.BusinessTime;
import dev.baton.contact.AccountTeamAccess;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/accounts/{accountId}/nps} (docs/lifecycle.md#the-nps-api): every survey round with each
 * respondent's answer, and the account's NPS (promoters % minus detractors %) over the last 12 months.
 */
@RestController
class NpsController {

  private final NpsStore store;
  private final AccountTeamAccess access;
  private final BusinessTime time;

  NpsController(NpsStore store, AccountTeamAccess access, BusinessTime time) {
    this.store = store;
    this.access = access;
    this.time = time;
  }

  @GetMapping("/api/accounts/{accountId}/nps")
  Map<String, Object> get(@PathVariable String accountId) {
    access.check(accountId);
    List<NpsStore.Survey> surveys = store.surveys(accountId);
    Instant since = time.nowZoned().minusMonths(12).toInstant();
    List<Integer> scores = surveys.stream().flatMap(s -> s.responses().stream())
        .filter(r -> r.score() != null && !r.answeredAt().isBefore(since)).map(NpsStore.Response::score).toList();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accountId", accountId);
    answer.put("nps", NpsScore.of(scores));
    answer.put("since", since.truncatedTo(ChronoUnit.SECONDS));
    answer.put("answers", scores.size());
    answer.put("promoters", scores.stream().filter(s -> s >= 9).count());
    answer.put("passives", scores.stream().filter(s -> s == 7 || s == 8).count());
    answer.put("detractors", scores.stream().filter(s -> s <= 6).count());
    answer.put("surveys", surveys.stream().map(NpsController::survey).toList());
    return answer;
  }

  private static Map<String, Object> survey(NpsStore.Survey survey) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("id", survey.id());
    shown.put("sentAt", survey.sentAt());
    shown.put("closedAt", survey.closedAt());
    shown.put("responses", survey.responses().stream().map(r -> {
      Map<String, Object> response = new LinkedHashMap<>();
      response.put("name", r.name());
      response.put("email", r.email());
      response.put("persona", r.persona());
      response.put("status", r.status());
      response.put("score", r.score());
      response.put("category", r.category());
      response.put("comment", r.comment());
      response.put("answeredAt", r.answeredAt());
      return response;
    }).toList());
    return shown;
  }
}
