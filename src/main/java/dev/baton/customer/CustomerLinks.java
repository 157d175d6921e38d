package dev.baton.customer;

import dev.baton.customer.CustomerQuestion.Choice;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring, single-use links that let a customer answer a question without a login. A link is
 * {@code <public URL>/customer/questions/<question id>.<answer>.<signature>}: the question is stored
 * (baton_customer_question), the signature (HMAC-SHA256 of id and answer) stops anyone from making up
 * an answer, and the row says whether it is still open. {@link CustomerAnswers} takes the answer.
 */
@Component("customerLinks")
public class CustomerLinks {

  static final String PATH = "/customer/questions/";
  private static final Logger log = LoggerFactory.getLogger(CustomerLinks.class);

  private final JdbcClient jdbc;
  private final byte[] key;
  private final String publicBaseUrl;

  CustomerLinks(JdbcClient jdbc, CustomerLinkProperties properties, @Value("${baton.public-base-url}") String publicBaseUrl) {
    this.jdbc = jdbc;
    this.key = properties.secret().getBytes(StandardCharsets.UTF_8);
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  /**
   * Stores the question for this process instance and returns one link per choice (answer id to
   * absolute URL), in the order of the choices. Runs in the caller's transaction.
   */
  public Map<String, String> ask(DelegateExecution execution, CustomerQuestion question) {
    Object accountId = execution.getVariable("accountId");
    return ask(execution.getProcessInstanceId(), accountId == null ? null : accountId.toString(), question);
  }

  /** As {@link #ask(DelegateExecution, CustomerQuestion)}, for the instance with this id. */
  public Map<String, String> ask(String processInstanceId, String accountId, CustomerQuestion question) {
    String id = UUID.randomUUID().toString();
    var now = ClockUtil.getCurrentTime().toInstant();
    jdbc.sql("""
            insert into baton_customer_question (id, process_instance_id, account_id, message_name, title, body,
              choices, allow_comment, created_at, expires_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(id, processInstanceId, accountId, question.messageName(), question.title(), question.text(),
            Choices.write(question.choices()), question.allowComment(), Timestamp.from(now),
            Timestamp.from(now.plus(question.validFor())))
        .update();
    Map<String, String> links = new LinkedHashMap<>();
    for (Choice choice : question.choices()) {
      links.put(choice.answer(), publicBaseUrl + PATH + token(id, choice.answer()));
    }
    log.info("Asked account {} '{}' (question {}, links valid until {})", accountId, question.title(), id,
        now.plus(question.validFor()));
    return links;
  }

  /** The question and answer a token names, if its signature is right. */
  Optional<SignedAnswer> verify(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    byte[] expected = sign(parts[0], parts[1]).getBytes(StandardCharsets.US_ASCII);
    byte[] given = parts[2].getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given)
        ? Optional.of(new SignedAnswer(parts[0], parts[1])) : Optional.empty();
  }

  String token(String questionId, String answer) {
    return questionId + "." + answer + "." + sign(questionId, answer);
  }

  private String sign(String questionId, String answer) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signature = mac.doFinal((questionId + "." + answer).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  record SignedAnswer(String questionId, String answer) {}
}
