package io.relayagent.protocol.json;

/**
 * A version as a message carries it: a string (a policy's {@code ETag}) or an integer (a catalog
 * version). Exactly one of the two is set; it is written as a JSON string or number.
 */
public record Version(String text, Long number) {

  public Version {
    if ((text == null) == (number == null)) {
      throw new IllegalArgumentException("a version is a string or a number");
    }
    if (text != null && text.length() > Fields.MAX_TEXT) {
      throw new IllegalArgumentException(
          "a version is at most " + Fields.MAX_TEXT + " characters long");
    }
  }

  public static Version of(String text) {
    return new Version(text, null);
  }

  public static Version of(long number) {
    return new Version(null, number);
  }

  @Override
  public String toString() {
    return text != null ? text : number.toString();
  }
}
