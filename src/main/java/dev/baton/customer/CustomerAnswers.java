package dev.baton.customer;

import dev.baton.calendar.BusinessTime;
import dev.baton.customer.CustomerLinks.LinkedAnswer;
import dev.baton.customer.CustomerQuestion.Choice;
import dev.baton.engine.WithoutAuthorization;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a customer's answer from a link in a mail: checks the link, and in one transaction marks the
 * question answered and correlates the answer to the waiting process, so a link works exactly once.
 */
@Service
class CustomerAnswers {

  private static final Logger log = LoggerFactory.getLogger(CustomerAnswers.class);

  private final CustomerLinks links;
  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final BusinessTime time;

  CustomerAnswers(CustomerLinks links, JdbcClient jdbc, RuntimeService runtime, BusinessTime time) {
    this.links = links;
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.time = time;
  }

  /** What the link shows before the customer confirms; reading it changes nothing. */
  @Transactional(readOnly = true)
  Outcome look(String token) {
    return check(token, false);
  }

  /** Records the answer and moves the process on, or says why not. */
  @Transactional
  Outcome answer(String token, String comment) {
    Outcome outcome = check(token, true);
    if (outcome.state() != State.OPEN) {
      return outcome;
    }
    Question question = outcome.question();
    if (!waiting(question)) {
      log.info("Answer '{}' to question {} of account {} came after the process stopped waiting",
          outcome.choice().answer(), question.id(), question.accountId());
      return new Outcome(State.CLOSED, question, outcome.choice());
    }
    Date now = time.nowAsDate();
    String text = comment == null || comment.isBlank() || !question.allowComment() ? null : comment.strip();
    jdbc.sql("update baton_customer_question set answered_at = ?, answer = ?, answer_comment = ? where id = ?")
        .params(new Timestamp(now.getTime()), outcome.choice().answer(), text, question.id()).update();
    WithoutAuthorization.run(() -> runtime.createMessageCorrelation(question.messageName())
        .processInstanceId(question.processInstanceId())
        .setVariables(Variables.createVariables()
            .putValue("customerAnswer", outcome.choice().answer())
            .putValue("customerComment", text)
            .putValue("customerAnsweredAt", now))
        .correlateWithResult());
    log.info("Account {} answered '{}' to '{}' (question {})", question.accountId(), outcome.choice().answer(),
        question.title(), question.id());
    return new Outcome(State.ANSWERED, question, outcome.choice());
  }

  private Outcome check(String token, boolean lock) {
    Optional<LinkedAnswer> linked = links.verify(token);
    if (linked.isEmpty()) {
      return new Outcome(State.INVALID, null, null);
    }
    Optional<Question> found = find(linked.get().questionId(), lock);
    if (found.isEmpty()) {
      return new Outcome(State.INVALID, null, null);
    }
    Question question = found.get();
    Optional<Choice> choice = question.choice(linked.get().answer());
    if (choice.isEmpty()) {
      return new Outcome(State.INVALID, null, null);
    }
    if (question.answeredAt() != null) {
      return new Outcome(State.ALREADY_ANSWERED, question, question.choice(question.answer()).orElse(choice.get()));
    }
    if (!time.now().isBefore(question.expiresAt())) {
      return new Outcome(State.EXPIRED, question, choice.get());
    }
    return new Outcome(State.OPEN, question, choice.get());
  }

  private boolean waiting(Question question) {
    return WithoutAuthorization.call(() -> runtime.createExecutionQuery()
        .processInstanceId(question.processInstanceId())
        .messageEventSubscriptionName(question.messageName()).count()) > 0;
  }

  private Optional<Question> find(String id, boolean lock) {
    // The row lock makes a second, simultaneous click wait and then see the question answered.
    return jdbc.sql("select * from baton_customer_question where id = ?" + (lock ? " for update" : ""))
        .param(id)
        .query((rs, row) -> new Question(rs.getString("id"), rs.getString("process_instance_id"),
            rs.getString("account_id"), rs.getString("message_name"), rs.getString("title"), rs.getString("body"),
            Choices.read(rs.getString("choices")), rs.getBoolean("allow_comment"),
            rs.getTimestamp("expires_at").toInstant(),
            rs.getTimestamp("answered_at") == null ? null : rs.getTimestamp("answered_at").toInstant(),
            rs.getString("answer")))
        .optional();
  }

  enum State { OPEN, ANSWERED, ALREADY_ANSWERED, EXPIRED, CLOSED, INVALID }

  record Outcome(State state, Question question, Choice choice) {}

  record Question(String id, String processInstanceId, String accountId, String messageName, String title,
      String text, List<Choice> choices, boolean allowComment, Instant expiresAt, Instant answeredAt, String answer) {

    Optional<Choice> choice(String answer) {
      return choices.stream().filter(c -> c.answer().equals(answer)).findFirst();
    }
  }
}
