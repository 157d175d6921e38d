package dev.baton.customer;

import dev.baton.calendar.BusinessTime;
import dev.baton.customer.CustomerQuestion.Choice;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expiring, single-use links that let a customer answer a question without a login:
 * {@code <public URL>/customer/questions/<token>}, one per choice. A link is a bearer credential, so it
 * exists only in the mail that carries it: asking stores the question (baton_customer_question) and gives
 * the mail placeholders; sending the mail mints a random token per choice and stores only its keyed hash
 * (baton_customer_link). No process variable, history entry or log line holds a link, and staff, who may
 * read the variables of every mail, cannot answer for the customer. {@link CustomerAnswers} takes the answer.
 */
@Component("customerLinks")
public class CustomerLinks {

  static final String PATH = "/customer/questions/";
  private static final Logger log = LoggerFactory.getLogger(CustomerLinks.class);

  private final JdbcClient jdbc;
  private final LinkTokens tokens;
  private final TransactionTemplate ownTransaction;
  private final String publicBaseUrl;
  private final BusinessTime time;

  CustomerLinks(JdbcClient jdbc, CustomerLinkProperties properties, PlatformTransactionManager transactions,
      @Value("${baton.public-base-url}") String publicBaseUrl, BusinessTime time) {
    this.jdbc = jdbc;
    this.tokens = new LinkTokens(properties.secret());
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    this.time = time;
  }

  /**
   * Stores the question for this process instance, in the caller's transaction, and returns its id and
   * the placeholders its mail shows where the links go (see {@link AskedQuestion}).
   */
  public AskedQuestion ask(DelegateExecution execution, CustomerQuestion question) {
    Object accountId = execution.getVariable("accountId");
    return ask(execution.getProcessInstanceId(), accountId == null ? null : accountId.toString(), question);
  }

  /** As {@link #ask(DelegateExecution, CustomerQuestion)}, for the instance with this id. */
  public AskedQuestion ask(String processInstanceId, String accountId, CustomerQuestion question) {
    String id = UUID.randomUUID().toString();
    var now = time.now();
    jdbc.sql("""
            insert into baton_customer_question (id, process_instance_id, account_id, message_name, title, body,
              choices, allow_comment, created_at, expires_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(id, processInstanceId, accountId, question.messageName(), question.title(), question.text(),
            Choices.write(question.choices()), question.allowComment(), Timestamp.from(now),
            Timestamp.from(now.plus(question.validFor())))
        .update();
    Map<String, String> placeholders = new LinkedHashMap<>();
    for (Choice choice : question.choices()) {
      placeholders.put(choice.answer(), placeholder(choice.answer()));
    }
    log.debug("Asked account {} '{}' (question {}, links valid until {})", accountId, question.title(), id,
        now.plus(question.validFor()));
    return new AskedQuestion(id, placeholders);
  }

  /**
   * New links to the question, one per choice (answer id to absolute URL), for a mail about to be sent.
   * Every call makes new ones; all stay valid until the question is answered or expires.
   */
  public Map<String, String> mint(String questionId) {
    // Committed on its own, before the mail leaves: if Baton dies after the SMTP server took the mail but
    // before the sending job commits, the links in that mail must still work (the job sends it again, with
    // new links and the same Message-ID, and the reader may keep either copy).
    return ownTransaction.execute(status -> {
      String choices = jdbc.sql("select choices from baton_customer_question where id = ?").param(questionId)
          .query(String.class).optional()
          .orElseThrow(() -> new IllegalStateException("Customer question " + questionId + " does not exist, so "
              + "its mail cannot carry links to it"));
      Timestamp now = Timestamp.from(time.now());
      Map<String, String> links = new LinkedHashMap<>();
      for (Choice choice : Choices.read(choices)) {
        String token = tokens.newToken();
        jdbc.sql("insert into baton_customer_link (token_hash, question_id, answer, created_at) values (?, ?, ?, ?)")
            .params(tokens.hash(token), questionId, choice.answer(), now).update();
        links.put(choice.answer(), publicBaseUrl + PATH + token);
      }
      return links;
    });
  }

  /**
   * The process no longer waits for an answer by link (it was given another way): the instance's open
   * questions under this message expire now, so their links show "expired" and change nothing.
   */
  public int withdraw(String processInstanceId, String messageName) {
    Timestamp now = Timestamp.from(time.now());
    int withdrawn = jdbc.sql("""
            update baton_customer_question set expires_at = ?
            where process_instance_id = ? and message_name = ? and answered_at is null and expires_at > ?""")
        .params(now, processInstanceId, messageName, now).update();
    if (withdrawn > 0) {
      log.info("Process {} no longer waits for '{}': {} open question(s) withdrawn", processInstanceId, messageName,
          withdrawn);
    }
    return withdrawn;
  }

  /** The body with each answer's placeholder replaced by its link. */
  public static String fillIn(String body, Map<String, String> links) {
    String filled = body;
    for (Map.Entry<String, String> link : links.entrySet()) {
      filled = filled.replace(placeholder(link.getKey()), link.getValue());
    }
    return filled;
  }

  /** The question and answer a link's token stands for, if Baton made it. */
  Optional<LinkedAnswer> verify(String token) {
    if (!LinkTokens.wellFormed(token)) {
      return Optional.empty();
    }
    return jdbc.sql("select question_id, answer from baton_customer_link where token_hash = ?")
        .param(tokens.hash(token))
        .query((rs, row) -> new LinkedAnswer(rs.getString("question_id"), rs.getString("answer")))
        .optional();
  }

  private static String placeholder(String answer) {
    return "{{customer-link:" + answer + "}}";
  }

  record LinkedAnswer(String questionId, String answer) {}
}
