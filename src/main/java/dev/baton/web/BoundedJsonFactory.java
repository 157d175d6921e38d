package dev.baton.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON parser of every body Baton reads (Spring's ObjectMapper and the webhooks'): it bounds each
 * number by length, magnitude and precision while reading its text, before anything converts it
 * ({@code 1E+999999999} as a BigDecimal is small, but printing or widening it takes gigabytes), and
 * nests at most {@value #MAX_DEPTH} levels. A refusal names the field, e.g. {@code contacts[0].name}.
 */
public class BoundedJsonFactory extends JsonFactory {

  public static final int MAX_DEPTH = 32;
  public static final int MAX_NUMBER_LENGTH = 40;
  public static final int MAX_INTEGER_DIGITS = 18;
  public static final int MAX_DECIMALS = 30;

  public BoundedJsonFactory() {
    // Jackson's own limits are the backstop (they stop a long number or a deep document while tokenizing).
    setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
        .maxNumberLength(MAX_NUMBER_LENGTH).build());
  }

  protected BoundedJsonFactory(BoundedJsonFactory src, ObjectCodec codec) {
    super(src, codec);
  }

  @Override
  public JsonFactory copy() {
    return new BoundedJsonFactory(this, null);
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
    return new Bounded(super._createParser(in, ctxt));
  }

  @Override
  protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
    return new Bounded(super._createParser(r, ctxt));
  }

  @Override
  protected JsonParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable)
      throws IOException {
    return new Bounded(super._createParser(data, offset, len, ctxt, recyclable));
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
    return new Bounded(super._createParser(data, offset, len, ctxt));
  }

  @Override
  protected JsonParser _createParser(DataInput input, IOContext ctxt) throws IOException {
    return new Bounded(super._createParser(input, ctxt));
  }

  /** Why the number (its JSON text) is refused, or null if it is within bounds. */
  static String numberProblem(String text) {
    String bounds = "send at most " + MAX_INTEGER_DIGITS + " digits before the decimal point and " + MAX_DECIMALS
        + " after it, without an exponent beyond that";
    if (text.length() > MAX_NUMBER_LENGTH) {
      return "a number of " + text.length() + " characters is out of range; " + bounds;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text); // cheap: at most MAX_NUMBER_LENGTH characters, nothing is widened
    } catch (NumberFormatException e) {
      return Excerpt.of(text) + " is out of range; " + bounds;
    }
    BigDecimal exact = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    long integerDigits = (long) exact.precision() - exact.scale();
    if (integerDigits > MAX_INTEGER_DIGITS || exact.scale() > MAX_DECIMALS) {
      return text + " is out of range; " + bounds;
    }
    return null;
  }

  /** The JSON path of the parser's position in Baton's field style: {@code contacts[0].name}, {@code [1].nps}. */
  static String path(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.add(0, "." + c.getCurrentName());
      }
    }
    String path = String.join("", parts);
    path = path.startsWith(".") ? path.substring(1) : path;
    return path.isEmpty() ? "body" : Excerpt.of(path);
  }

  /** A value outside the parser's bounds; the message names the field. */
  public static final class Refused extends JsonParseException {
    Refused(JsonParser parser, String message) {
      super(parser, message);
    }
  }

  /** Checks each token as it is read; every "next" method goes through {@link #nextToken()}. */
  static final class Bounded extends JsonParserDelegate {

    Bounded(JsonParser parser) {
      super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token;
      try {
        token = delegate.nextToken();
      } catch (StreamConstraintsException e) {
        throw new Refused(this, path(delegate.getParsingContext()) + ": " + (e.getMessage().contains("nesting")
            ? "nested deeper than " + MAX_DEPTH + " levels; send a flatter document"
            : numberProblemOf(e)));
      }
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        String problem = numberProblem(delegate.getText());
        if (problem != null) {
          throw new Refused(this, path(delegate.getParsingContext()) + ": " + problem);
        }
      }
      return token;
    }

    private static String numberProblemOf(StreamConstraintsException e) {
      return e.getMessage().contains("Number") ? "a number longer than " + MAX_NUMBER_LENGTH
          + " characters is out of range; send at most " + MAX_INTEGER_DIGITS + " digits before the decimal point and "
          + MAX_DECIMALS + " after it" : Excerpt.of(e.getOriginalMessage());
    }

    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public String nextFieldName() throws IOException {
      return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
      return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
    }

    @Override
    public String nextTextValue() throws IOException {
      return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
      return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
      return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }
  }
}
