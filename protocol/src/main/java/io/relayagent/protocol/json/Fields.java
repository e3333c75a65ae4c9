package io.relayagent.protocol.json;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks a message's record makes of its members in its constructor, so that a record that
 * exists is a valid message on either side. Each failure is an {@link IllegalArgumentException}
 * whose message starts with the member's name ({@code id: must be a UUID}); {@link ProtocolJson}
 * puts the path of the enclosing object in front.
 */
public final class Fields {
  /** The longest free text a message member may hold unless it says otherwise. */
  public static final int MAX_TEXT = 256;

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Fields() {}

  public static IllegalArgumentException problem(String name, String what) {
    return new IllegalArgumentException(name + ": " + what);
  }

  /** A required member that is not text (a number, an object, an array). */
  public static <T> T required(String name, T value, String what) {
    if (value == null) {
      throw problem(name, "is required (" + what + ")");
    }
    return value;
  }

  /** A non-empty string of at most {@code maxLength} characters. */
  public static String text(String name, String value, int maxLength) {
    if (value == null || value.isEmpty()) {
      throw problem(name, "is required (a non-empty string)");
    }
    return optionalText(name, value, maxLength);
  }

  /** {@code null}, or a string of at most {@code maxLength} characters. */
  public static String optionalText(String name, String value, int maxLength) {
    if (value != null && value.length() > maxLength) {
      throw problem(name, "is longer than " + maxLength + " characters");
    }
    return value;
  }

  /** A UUID in its usual text form, lower-cased. */
  public static String uuid(String name, String value) {
    String text = text(name, value, 36);
    if (!UUID.matcher(text).matches()) {
      throw problem(name, "must be a UUID");
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /** An ISO-8601 date and time with its offset ({@code 2026-03-02T10:00:00Z}), kept as sent. */
  public static String offsetTime(String name, String value) {
    String text = text(name, value, 64);
    try {
      OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw problem(name, "must be an ISO-8601 date and time with an offset");
    }
    return text;
  }

  /** A required constant of a {@link WireName} enum. */
  public static <E extends Enum<E> & WireName> E oneOf(String name, E value, Class<E> type) {
    if (value == null) {
      throw problem(name, "is required (" + choices(type) + ")");
    }
    return value;
  }

  /** A list that must be present, without {@code null} items; copied, so it cannot change. */
  public static <T> List<T> list(String name, List<T> value) {
    required(name, value, "an array");
    for (int i = 0; i < value.size(); i++) {
      if (value.get(i) == null) {
        throw problem(name + "[" + i + "]", "must not be null");
      }
    }
    return List.copyOf(value);
  }

  /** {@code one of a, b, c}: the wire names of {@code type}, sorted. */
  static String choices(Class<? extends WireName> type) {
    return "one of "
        + String.join(
            ", ", Arrays.stream(type.getEnumConstants()).map(WireName::wireName).sorted().toList());
  }
}
