package io.relayagent.server.console;

/**
 * Escapes text for HTML. Every value the console shows comes from agents (names, event members,
 * addresses) and is hostile: it goes through {@link #escape} whether it lands in an element's text
 * or in a quoted attribute, so no value can close a tag, open one, or leave its attribute.
 */
final class Html {
  private Html() {}

  /**
   * {@code text} with {@code & < > " '} replaced by character references, and every control
   * character but tab, line feed and carriage return replaced by U+FFFD (they are not allowed in
   * HTML and some browsers treat them oddly); {@code null} as an empty string.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\t', '\n', '\r' -> out.append(c);
        default -> out.append(c < 0x20 || c == 0x7f ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
