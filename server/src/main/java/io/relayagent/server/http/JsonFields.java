package io.relayagent.server.http;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads members of a request's JSON object, refusing with {@code 400} and the member's name ({@code
 * events[3].id: not a UUID}) whatever does not fit. Members this version does not know are ignored,
 * so that a newer agent can send more.
 */
public final class JsonFields {
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Map<String, Object> object;
  private final String prefix;

  public JsonFields(Map<String, Object> object, String prefix) {
    this.object = object;
    this.prefix = prefix;
  }

  public static JsonFields of(Map<String, Object> object) {
    return new JsonFields(object, "");
  }

  public String string(String name, int maxLength) throws HttpProblem {
    String value = optionalString(name, maxLength);
    if (value == null || value.isEmpty()) {
      throw problem(name, "is required (a non-empty string)");
    }
    return value;
  }

  public String optionalString(String name, int maxLength) throws HttpProblem {
    Object value = object.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw problem(name, "must be a string");
    }
    if (text.length() > maxLength) {
      throw problem(name, "is longer than " + maxLength + " characters");
    }
    return text;
  }

  /** A string or a number, as a version may be either; {@code null} when absent. */
  public Object version(String name, int maxLength) throws HttpProblem {
    Object value = object.get(name);
    if (value instanceof Long) {
      return value;
    }
    return optionalString(name, maxLength);
  }

  public String oneOf(String name, Set<String> allowed) throws HttpProblem {
    String value = string(name, 32);
    if (!allowed.contains(value)) {
      throw problem(
          name, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return value;
  }

  /** A UUID in its usual text form, lower-cased. */
  public String uuid(String name) throws HttpProblem {
    String value = string(name, 36);
    if (!UUID.matcher(value).matches()) {
      throw problem(name, "must be a UUID");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** An ISO-8601 date and time with its offset ({@code 2026-03-02T10:00:00Z}), kept as sent. */
  public String time(String name) throws HttpProblem {
    String value = string(name, 64);
    try {
      OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw problem(name, "must be an ISO-8601 date and time with an offset");
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  public List<Object> list(String name) throws HttpProblem {
    Object value = object.get(name);
    if (!(value instanceof List)) {
      throw problem(name, "is required (an array)");
    }
    return (List<Object>) value;
  }

  /** Member {@code index} of an array, which must be an object, as fields named {@code name[i]}. */
  @SuppressWarnings("unchecked")
  public JsonFields element(String name, List<Object> list, int index) throws HttpProblem {
    String path = name + "[" + index + "]";
    if (!(list.get(index) instanceof Map)) {
      throw problem(path, "must be an object");
    }
    return new JsonFields((Map<String, Object>) list.get(index), prefix + path + ".");
  }

  public Object raw(String name) {
    return object.get(name);
  }

  public HttpProblem problem(String name, String what) {
    return HttpProblem.badRequest(prefix + name + ": " + what);
  }
}
