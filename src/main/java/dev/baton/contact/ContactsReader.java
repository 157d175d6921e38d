package dev.baton.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.web.ApiErrorHandler;
import dev.baton.web.ApiProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads the body of {@code PUT /api/accounts/{id}/contacts}: the whole list as a JSON array. Every
 * mistake is reported at once, naming the field ({@code [1].persona}): Bean Validation on {@link Contact}, and one
 * contact per e-mail address here.
 */
@Component
class ContactsReader {

  static final int MAX_CONTACTS = 200;

  private final ObjectMapper json;
  private final Validator validator;

  ContactsReader(ObjectMapper json, Validator validator) {
    this.json = json;
    this.validator = validator;
  }

  List<Contact> read(JsonNode body) {
    if (body == null || !body.isArray()) {
      throw ApiProblem.badRequest("body: send the account's whole contact list as a JSON array of "
          + "{name, email, title, persona, influence} (an empty array removes every contact)");
    }
    if (body.size() > MAX_CONTACTS) {
      throw ApiProblem.badRequest("body: at most " + MAX_CONTACTS + " contacts per account");
    }
    List<Contact> contacts;
    try {
      contacts = json.readerForListOf(Contact.class).readValue(body);
    } catch (IOException e) {
      throw ApiProblem.badRequest(e instanceof com.fasterxml.jackson.core.JsonProcessingException p
          ? ApiErrorHandler.describe(p) : "body: " + e.getMessage());
    }
    List<ApiProblem.Field> errors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < contacts.size(); i++) {
      Contact contact = contacts.get(i);
      String at = "[" + i + "]";
      if (contact == null) {
        errors.add(error(at, "must be a contact object"));
        continue;
      }
      validator.validate(contact).stream()
          .sorted(Comparator.comparing((ConstraintViolation<Contact> v) -> v.getPropertyPath().toString()))
          .forEach(v -> errors.add(error(at + "." + v.getPropertyPath(), v.getMessage())));
      if (contact.email() != null && !contact.email().isBlank()) {
        Integer first = seen.putIfAbsent(contact.email().toLowerCase(Locale.ROOT), i);
        if (first != null) {
          errors.add(error(at + ".email", "is also the e-mail of [" + first + "]; give each person once"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    return contacts;
  }

  private static ApiProblem.Field error(String field, String message) {
    return new ApiProblem.Field(field, message);
  }
}
