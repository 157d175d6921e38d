package dev.baton.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.baton.web.ApiErrorHandler;
import dev.baton.web.ApiProblem;
import dev.baton.web.BoundedJsonFactory;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * A webhook's body, read by Baton itself: the signature covers the raw bytes, so they are read
 * (at most 1 MB) and verified before anything parses them.
 */
final class WebhookBody {

  static final int MAX_BYTES = 1024 * 1024;

  private static final ObjectReader JSON = new ObjectMapper(new BoundedJsonFactory())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private WebhookBody() {}

  /** 415 unless the body is declared as JSON (UTF-8, the charset the signature is computed over). */
  static void requireJson(HttpServletRequest request) {
    String declared = request.getContentType();
    MediaType type;
    try {
      type = declared == null ? null : MediaType.parseMediaType(declared);
    } catch (InvalidMediaTypeException e) {
      type = null;
    }
    if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
      throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type: '" + (declared == null ? "" : declared)
          + "' is not accepted; send the event as application/json");
    }
    if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
      throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type: charset " + type.getCharset()
          + " is not accepted; send UTF-8 JSON (application/json; charset=utf-8)");
    }
  }

  /** The raw body; 413 above 1 MB (checked against Content-Length first, then while reading). */
  static byte[] read(HttpServletRequest request) {
    long declared = request.getContentLengthLong();
    if (declared > MAX_BYTES) {
      throw tooLarge(declared);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
    byte[] buffer = new byte[8192];
    try (InputStream in = request.getInputStream()) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        if (body.size() + n > MAX_BYTES) {
          throw tooLarge(body.size() + n);
        }
        body.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw ApiProblem.badRequest("body: could not be read (" + e.getMessage() + "); send the whole event again");
    }
    return body.toByteArray();
  }

  /** Parses the (already verified) body; 400 naming the line and column of malformed JSON. */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiProblem.badRequest("body: empty; send the event as JSON");
    }
    try {
      return JSON.readTree(body);
    } catch (BoundedJsonFactory.Refused e) {
      throw ApiProblem.badRequest(ApiErrorHandler.describe(e));
    } catch (JsonProcessingException e) {
      throw ApiProblem.badRequest("body: " + ApiErrorHandler.describe(e) + "; send valid JSON");
    } catch (IOException e) {
      throw ApiProblem.badRequest("body: could not be read as JSON (" + e.getMessage() + ")");
    }
  }

  private static ApiProblem tooLarge(long bytes) {
    return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "body: " + (bytes > MAX_BYTES ? "more than " : "")
        + MAX_BYTES + " bytes (1 MB) is the most a webhook accepts; send fewer events per call");
  }
}
