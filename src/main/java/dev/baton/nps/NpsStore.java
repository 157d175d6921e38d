package dev.baton.nps;

import dev.baton.contact.Contact;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Survey rounds and their respondents' answers (baton_nps_survey, baton_nps_response). */
@Repository
class NpsStore {

  static final String ASKED = "asked";
  static final String ANSWERED = "answered";
  static final String NO_RESPONSE = "no-response";

  private final JdbcClient jdbc;

  NpsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void openSurvey(String id, String accountId, String processInstanceId, Instant sentAt, List<Contact> respondents) {
    jdbc.sql("insert into baton_nps_survey (id, account_id, process_instance_id, sent_at) values (?, ?, ?, ?)")
        .params(id, accountId, processInstanceId, Timestamp.from(sentAt)).update();
    for (Contact c : respondents) {
      jdbc.sql("insert into baton_nps_response (survey_id, email, name, persona, status) values (?, ?, ?, ?, ?)")
          .params(id, c.email(), c.name(), c.persona(), ASKED).update();
    }
  }

  List<String> respondents(String surveyId) {
    return jdbc.sql("select email from baton_nps_response where survey_id = ? order by email")
        .param(surveyId).query(String.class).list();
  }

  Optional<Response> response(String surveyId, String email) {
    return jdbc.sql("select * from baton_nps_response where survey_id = ? and email = ?").params(surveyId, email)
        .query((rs, row) -> response(rs)).optional();
  }

  void answered(String surveyId, String email, int score, String comment, Instant at) {
    jdbc.sql("""
            update baton_nps_response set status = ?, score = ?, answer_comment = ?, answered_at = ?
            where survey_id = ? and email = ?""")
        .params(ANSWERED, score, comment, Timestamp.from(at), surveyId, email).update();
  }

  void noResponse(String surveyId, String email) {
    jdbc.sql("update baton_nps_response set status = ? where survey_id = ? and email = ? and status = ?")
        .params(NO_RESPONSE, surveyId, email, ASKED).update();
  }

  /** Ends the round: whoever has not answered by now counts as no response. */
  void closeSurvey(String surveyId, Instant at) {
    jdbc.sql("update baton_nps_response set status = ? where survey_id = ? and status = ?")
        .params(NO_RESPONSE, surveyId, ASKED).update();
    jdbc.sql("update baton_nps_survey set closed_at = ? where id = ? and closed_at is null")
        .params(Timestamp.from(at), surveyId).update();
  }

  List<Survey> surveys(String accountId) {
    List<Survey> surveys = jdbc.sql("select * from baton_nps_survey where account_id = ? order by sent_at desc, id")
        .param(accountId)
        .query((rs, row) -> new Survey(rs.getString("id"), rs.getTimestamp("sent_at").toInstant(),
            rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant(), List.of()))
        .list();
    return surveys.stream().map(s -> new Survey(s.id(), s.sentAt(), s.closedAt(),
        jdbc.sql("select * from baton_nps_response where survey_id = ? order by email").param(s.id())
            .query((rs, row) -> response(rs)).list())).toList();
  }

  private static Response response(java.sql.ResultSet rs) throws java.sql.SQLException {
    Timestamp answeredAt = rs.getTimestamp("answered_at");
    Integer score = rs.getObject("score") == null ? null : rs.getInt("score");
    return new Response(rs.getString("name"), rs.getString("email"), rs.getString("persona"), rs.getString("status"),
        score, rs.getString("answer_comment"), answeredAt == null ? null : answeredAt.toInstant());
  }

  record Survey(String id, Instant sentAt, Instant closedAt, List<Response> responses) {}

  record Response(String name, String email, String persona, String status, Integer score, String comment,
      Instant answeredAt) {

    String category() {
      return score == null ? null : NpsScore.category(score);
    }
  }
}
