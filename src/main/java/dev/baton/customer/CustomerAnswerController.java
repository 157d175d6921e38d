package dev.baton.customer;

import dev.baton.customer.CustomerAnswers.Outcome;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The pages behind the links in customer mails. Opening a link (GET) only shows the question and the
 * chosen answer with a confirm button, because mail scanners open links too; confirming (POST) answers.
 */
@RestController
class CustomerAnswerController {

  static final int MAX_COMMENT = 4000;

  private final CustomerAnswers answers;
  private final TemplateEngine templates;
  private final CompanyProperties company;

  CustomerAnswerController(CustomerAnswers answers, @Qualifier("mailTemplateEngine") TemplateEngine templates,
      CompanyProperties company) {
    this.company = company;
    this.answers = answers;
    this.templates = templates;
  }

  @GetMapping(CustomerLinks.PATH + "{token}")
  ResponseEntity<String> show(@PathVariable String token) {
    return page(answers.look(token), null);
  }

  @PostMapping(path = CustomerLinks.PATH + "{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> confirm(@PathVariable String token, @RequestParam(required = false) String comment) {
    if (comment != null && comment.length() > MAX_COMMENT) {
      Outcome outcome = answers.look(token);
      return page(outcome, "Your comment is " + comment.length() + " characters long; please shorten it to "
          + MAX_COMMENT + " or fewer.");
    }
    // Line breaks and tabs belong in a comment; other control characters (NUL) cannot even be stored (PostgreSQL).
    if (comment != null && comment.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
      return page(answers.look(token), "Your comment contains control characters; please send plain text.");
    }
    return page(answers.answer(token, comment), null);
  }

  private ResponseEntity<String> page(Outcome outcome, String problem) {
    HttpStatus status = switch (outcome.state()) {
      case OPEN -> problem == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST;
      case ANSWERED -> HttpStatus.OK;
      case ALREADY_ANSWERED -> HttpStatus.CONFLICT;
      case EXPIRED, CLOSED -> HttpStatus.GONE;
      case INVALID -> HttpStatus.NOT_FOUND;
    };
    Context context = new Context();
    context.setVariables(Map.of("state", outcome.state().name(), "problem", problem == null ? "" : problem,
        "company", company.forTemplates()));
    if (outcome.question() != null) {
      context.setVariable("question", outcome.question());
      context.setVariable("choice", outcome.choice());
    }
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store")
        .header("X-Robots-Tag", "noindex")
        .body(templates.process("customer/question.html", context));
  }
}
