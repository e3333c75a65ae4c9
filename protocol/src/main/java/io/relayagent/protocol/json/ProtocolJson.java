package io.relayagent.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place JSON is read and written, with jackson-jr: every message of the protocol, the
 * server's own JSON files and the command line's {@code --json} output. Input is hostile, so
 * reading is strict and bounded:
 *
 * <ul>
 *   <li>at most {@code maxBytes} per call (checked before parsing), and never more than {@value
 *       #MAX_DOCUMENT_BYTES} ({@code StreamReadConstraints.maxDocumentLength});
 *   <li>nested at most {@value #MAX_DEPTH} deep ({@code maxNestingDepth});
 *   <li>a member name twice in one object is refused ({@code STRICT_DUPLICATE_DETECTION});
 *   <li>text after the value is refused (jackson-jr has no {@code FAIL_ON_TRAILING_TOKENS}: the
 *       parser is asked for one more token);
 *   <li>a member of the wrong JSON type is refused, not coerced ({@link StrictValues});
 *   <li>members a message does not know are ignored, so that a newer peer may send more.
 * </ul>
 *
 * <p>A message is a record; its constructor checks its members ({@link Fields}). Every refusal is a
 * {@link MalformedJsonException} naming the member ({@code events[3].id: must be a UUID}) or the
 * line and column. Records are written compact, members in declaration order, {@code null} members
 * included; a UTF-16 surrogate is written as an escape ({@link SurrogateEscapes}), so that what was
 * read is written back as the same value, an unpaired one from a {@code \}{@code ud800} escape too.
 *
 * <pre>{@code
 * byte[] body = ProtocolJson.write(report);
 * StatusReport same = ProtocolJson.read(body, 64 * 1024, StatusReport.class);
 * }</pre>
 */
public final class ProtocolJson {
  /** How deep values may nest. */
  public static final int MAX_DEPTH = 32;

  /** The largest document read at all, whatever a caller allows. */
  public static final int MAX_DOCUMENT_BYTES = 16 << 20;

  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .characterEscapes(new SurrogateEscapes())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxDocumentLength(MAX_DOCUMENT_BYTES)
                  .build())
          .build();

  private static final JSON MAPPER =
      JSON.builder(FACTORY)
          .register(new StrictValues(FACTORY))
          .enable(
              JSON.Feature.WRITE_NULL_PROPERTIES,
              JSON.Feature.WRITE_RECORD_FIELDS_IN_DECLARATION_ORDER,
              JSON.Feature.PRESERVE_FIELD_ORDERING)
          .disable(JSON.Feature.FAIL_ON_UNKNOWN_BEAN_PROPERTY, JSON.Feature.USE_IS_GETTERS)
          .build();

  private ProtocolJson() {}

  /**
   * Reads a message: one JSON object of at most {@code maxBytes} bytes (UTF-8).
   *
   * @throws MalformedJsonException naming what is wrong and where
   */
  public static <T> T read(byte[] json, int maxBytes, Class<T> type) throws MalformedJsonException {
    checkSize(json.length, "bytes", maxBytes);
    String text;
    try {
      // Decoded strictly here: the parser would guess UTF-16 or UTF-32 from the first bytes.
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(json))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedJsonException("not valid UTF-8", e);
    }
    return read(text, maxBytes, type);
  }

  /** Reads a message from text of at most {@code maxChars} characters. */
  public static <T> T read(String json, int maxChars, Class<T> type) throws MalformedJsonException {
    checkSize(json.length(), "characters", maxChars);
    try (JsonParser p = FACTORY.createParser(json)) {
      return readObject(p, type);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /**
   * Reads any one JSON value: objects as {@code Map}s in their order, arrays as {@code List}s,
   * numbers as {@code Integer}, {@code Long}, {@code BigInteger} or {@code Double}.
   */
  public static Object readValue(String json, int maxChars) throws MalformedJsonException {
    checkSize(json.length(), "characters", maxChars);
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() == null) {
        throw new MalformedJsonException("no JSON value");
      }
      Object value;
      try {
        value = MAPPER.anyFrom(p);
      } catch (IOException | RuntimeException e) {
        throw problem(p, e);
      }
      requireEnd(p);
      return value;
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** Checks that {@code json} is exactly one well-formed JSON value, within the limits. */
  public static void checkValue(String json, int maxChars) throws MalformedJsonException {
    checkSize(json.length(), "characters", maxChars);
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() == null) {
        throw new MalformedJsonException("no JSON value");
      }
      p.skipChildren();
      requireEnd(p);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** Writes a record (or a {@code Map}, {@code List}, string, number) as compact UTF-8 JSON. */
  public static byte[] write(Object value) {
    return writeString(value).getBytes(StandardCharsets.UTF_8);
  }

  /** Writes a record (or a {@code Map}, {@code List}, string, number) as compact JSON text. */
  public static String writeString(Object value) {
    try {
      return MAPPER.asString(value);
    } catch (IOException e) {
      // Only a type that is no message can get here: a programming error, not bad input.
      throw new IllegalArgumentException(
          "cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A record as the JSON object it is written as, members in their order: for showing every member
   * to a person (a table) without naming each one a second time.
   */
  public static Map<String, Object> toMap(Object record) {
    try {
      if (readValue(writeString(record), MAX_DOCUMENT_BYTES) instanceof Map<?, ?> map) {
        Map<String, Object> members = new LinkedHashMap<>();
        map.forEach((name, value) -> members.put(String.valueOf(name), value));
        return members;
      }
    } catch (MalformedJsonException e) {
      throw new IllegalStateException("what was just written cannot be read", e);
    }
    throw new IllegalArgumentException(
        record.getClass().getName() + " is not written as an object");
  }

  private static <T> T readObject(JsonParser p, Class<T> type) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new MalformedJsonException(
          p.currentToken() == null ? "no JSON value" : "expected a JSON object");
    }
    T value;
    try {
      value = MAPPER.beanFrom(type, p);
    } catch (IOException | RuntimeException e) {
      throw problem(p, e);
    }
    requireEnd(p);
    return value;
  }

  private static void requireEnd(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      throw new MalformedJsonException("text after the JSON value" + at(p.currentLocation()));
    }
  }

  private static void checkSize(int length, String unit, int max) throws MalformedJsonException {
    if (length > max) {
      throw new MalformedJsonException(
          "JSON text of " + length + " " + unit + " exceeds the limit of " + max);
    }
  }

  /**
   * What went wrong while mapping, where: a member's own check (a record's constructor refused it),
   * a refusal of {@link StrictValues}, or the parser's.
   */
  private static MalformedJsonException problem(JsonParser p, Exception e) {
    if (e instanceof MalformedJsonException malformed) {
      return malformed;
    }
    String path = JsonPaths.of(p.getParsingContext());
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException refused && refused.getMessage() != null) {
        return new MalformedJsonException(JsonPaths.within(path, refused.getMessage()), e);
      }
    }
    return malformed(e, path);
  }

  private static MalformedJsonException malformed(IOException e) {
    return e instanceof MalformedJsonException malformed ? malformed : malformed(e, "");
  }

  private static MalformedJsonException malformed(Exception e, String path) {
    if (e instanceof StreamConstraintsException limit) {
      return new MalformedJsonException(limit.getOriginalMessage(), e);
    }
    if (e instanceof JsonProcessingException processing) {
      String what = processing.getOriginalMessage().lines().findFirst().orElse("malformed");
      return new MalformedJsonException(
          JsonPaths.member(path, "not valid JSON: " + what + at(processing.getLocation())), e);
    }
    return new MalformedJsonException(JsonPaths.member(path, String.valueOf(e.getMessage())), e);
  }

  private static String at(JsonLocation location) {
    return location == null
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
