package dev.baton.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** Every 400 has one shape: a detail with every mistake, and errors listing each field and its message. */
class ApiProblemShapeTest {

  @Test
  void oneMistakeWrittenFieldFirstIsListedUnderItsField() {
    ProblemDetail problem = ApiProblem.badRequest("from: 'yesterday' is not a date; use YYYY-MM-DD").getBody();

    assertThat(problem.getStatus()).isEqualTo(400);
    assertThat(problem.getDetail()).isEqualTo("from: 'yesterday' is not a date; use YYYY-MM-DD");
    assertThat(problem.getProperties()).containsEntry("errors",
        List.of(Map.of("field", "from", "message", "'yesterday' is not a date; use YYYY-MM-DD")));
  }

  @Test
  void aMistakeAboutTheWholeRequestIsListedUnderBody() {
    ProblemDetail problem = ApiProblem.badRequest("unknown field 'owner'; known fields are [name]").getBody();

    assertThat(problem.getDetail()).isEqualTo("unknown field 'owner'; known fields are [name]");
    assertThat(problem.getProperties()).containsEntry("errors",
        List.of(Map.of("field", "body", "message", "unknown field 'owner'; known fields are [name]")));
  }

  @Test
  void manyMistakesAreOneDetailAndOneEntryEach() {
    ProblemDetail problem = ApiProblem.invalid(List.of(new ApiProblem.Field("[0].email", "is not an e-mail address"),
        new ApiProblem.Field("[1].persona", "'boss' is not a persona")), Map.of("unknownRoles", List.of())).getBody();

    assertThat(problem.getDetail()).isEqualTo("[0].email: is not an e-mail address; [1].persona: 'boss' is not a persona");
    assertThat(problem.getProperties()).containsEntry("errors", List.of(
        Map.of("field", "[0].email", "message", "is not an e-mail address"),
        Map.of("field", "[1].persona", "message", "'boss' is not a persona"))).containsKey("unknownRoles");
  }
}
