package dev.baton.health;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.baton.web.ApiErrorHandler;
import dev.baton.web.ApiProblem;
import jakarta.validation.Validator;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Reads the body of {@code POST /api/health-signals} (docs/health.md): a JSON array of signals or NDJSON (one
 * signal per line), each with its {@code accountId}, at most {@value #MAX_ITEMS}. The body is read as a stream,
 * item by item; each item is checked on its own (a wrong field refuses that item only, naming the field and
 * its fix), while a body that is not JSON or NDJSON, or holds too many items, is refused as a whole.
 */
@Component
class BulkSignalReader {

  static final int MAX_ITEMS = 5000;
  /** 5,000 signals with the longest comments fit; anything larger is not a bulk of signals. */
  static final long MAX_BYTES = 16L * 1024 * 1024;
  private static final int MAX_ACCOUNT_ID = 100;

  /** One item of the body: a signal to record, or what is wrong with it. */
  record Item(int index, String accountId, HealthSignal signal, List<Map<String, String>> errors) {
    boolean valid() {
      return errors.isEmpty();
    }

    /** "nps: must be between 0 and 10; ..." */
    String problem() {
      return errors.stream().map(e -> e.get("field") + ": " + e.get("message")).collect(Collectors.joining("; "));
    }
  }

  private final ObjectMapper json;
  private final Validator validator;

  BulkSignalReader(ObjectMapper json, Validator validator) {
    this.json = json;
    this.validator = validator;
  }

  List<Item> read(InputStream body, boolean ndjson) {
    List<Item> items = new ArrayList<>();
    try (JsonParser parser = json.getFactory().createParser(new Bounded(body))) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw ApiProblem.badRequest("body: empty; send a JSON array of signals, each with its accountId, or NDJSON "
            + "(Content-Type application/x-ndjson, one signal per line)");
      }
      if (ndjson) {
        for (JsonToken token = first; token != null; token = parser.nextToken()) {
          items.add(item(items.size(), parser));
        }
      } else {
        if (first != JsonToken.START_ARRAY) {
          throw ApiProblem.badRequest("body: expected a JSON array of signals, each with its accountId (or NDJSON with "
              + "Content-Type application/x-ndjson, one signal per line); see docs/health.md");
        }
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
          if (token == null) {
            throw ApiProblem.badRequest("body: malformed JSON: the array is not closed; send a complete JSON array");
          }
          items.add(item(items.size(), parser));
        }
        if (parser.nextToken() != null) {
          throw ApiProblem.badRequest("body: malformed JSON: content after the array; send one JSON array");
        }
      }
    } catch (TooMany | TooLarge e) {
      throw new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    } catch (JsonProcessingException e) {
      throw ApiProblem.badRequest("body: " + ApiErrorHandler.describe(e) + "; send "
          + (ndjson ? "NDJSON: one JSON signal object per line" : "a valid JSON array of signals"));
    } catch (IOException e) {
      throw ApiProblem.badRequest("body: could not be read (" + e.getMessage() + "); send the whole body again");
    }
    if (items.isEmpty()) {
      throw ApiProblem.badRequest("body: no signal; send at least one, each with its accountId");
    }
    return items;
  }

  /** The item the parser stands on (its first token); a malformed one fails the whole body. */
  private Item item(int index, JsonParser parser) throws IOException {
    if (index >= MAX_ITEMS) {
      throw new TooMany();
    }
    JsonNode node = json.readTree(parser);
    if (!(node instanceof ObjectNode signal)) {
      return invalid(index, null, "signal", "must be a signal object with its accountId (see docs/health.md)");
    }
    JsonNode id = signal.remove("accountId");
    String accountId = id != null && id.isTextual() ? id.asText().strip() : null;
    if (accountId == null || accountId.isEmpty() || accountId.length() > MAX_ACCOUNT_ID) {
      return invalid(index, accountId, "accountId", "required: the account's id as text (at most " + MAX_ACCOUNT_ID
          + " characters), as in /api/accounts/{accountId}");
    }
    HealthSignal read;
    try {
      read = json.treeToValue(signal, HealthSignal.class);
    } catch (UnrecognizedPropertyException e) {
      return invalid(index, accountId, e.getPropertyName(), ApiErrorHandler.describe(e));
    } catch (JsonMappingException e) {
      String field = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      String described = ApiErrorHandler.describe(e);
      return invalid(index, accountId, field.isEmpty() ? "signal" : field,
          described.startsWith(field + ": ") ? described.substring(field.length() + 2) : described);
    }
    return new Item(index, accountId, read, HealthSignalReader.violations(validator, read, ""));
  }

  private static Item invalid(int index, String accountId, String field, String message) {
    return new Item(index, accountId, null, List.of(Map.of("field", field, "message", message)));
  }

  /** More items than a call takes. */
  private static final class TooMany extends IOException {
    TooMany() {
      super("body: more than " + MAX_ITEMS + " signals in one call; send at most " + MAX_ITEMS
          + " per call (split the bulk into several calls)");
    }
  }

  /** More bytes than a call takes. */
  private static final class TooLarge extends IOException {
    TooLarge() {
      super("body: more than " + MAX_BYTES / (1024 * 1024) + " MB; send at most " + MAX_ITEMS + " signals per call");
    }
  }

  /** Counts the bytes read and stops at {@link #MAX_BYTES}. */
  private static final class Bounded extends FilterInputStream {
    private long read;

    Bounded(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) throws TooLarge {
      read += n;
      if (read > MAX_BYTES) {
        throw new TooLarge();
      }
    }
  }
}
