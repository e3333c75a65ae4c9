package io.relayagent.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages of the JDK's schema validator, each recognised by its code and rewritten in clear
 * words: namespaces dropped, the schema's type names explained, long values cut short.
 */
final class SchemaMessages {
  private static final int MAX_VALUE_CHARS = 60;

  private static final Pattern WHERE_ATTRIBUTE =
      Pattern.compile(
          "cvc-attribute\\.3: The value '.*' of attribute '([^']+)' on element '([^']+)'.*",
          Pattern.DOTALL);
  private static final Pattern WHERE_ELEMENT =
      Pattern.compile(
          "cvc-type\\.3\\.1\\.3: The value '.*' of element '([^']+)' is not valid.*",
          Pattern.DOTALL);

  private static final Map<Pattern, String> REASONS =
      Map.of(
          message(
              "cvc-maxInclusive-valid: Value '(.*)' is not facet-valid with respect to maxInclusive '([^']*)'.*"),
          "'%s' is more than the maximum, %s",
          message(
              "cvc-minInclusive-valid: Value '(.*)' is not facet-valid with respect to minInclusive '([^']*)'.*"),
          "'%s' is less than the minimum, %s",
          message("cvc-datatype-valid\\.1\\.2\\.1: '(.*)' is not a valid value for '([^']*)'.*"),
          "'%s' is not a valid %s",
          message(
              "cvc-enumeration-valid: Value '(.*)' is not facet-valid with respect to enumeration '\\[(.*)\\]'.*"),
          "'%s' is not one of: %s",
          message(
              "cvc-pattern-valid: Value '(.*)' is not facet-valid with respect to pattern '.*' for type '([^']*)'.*"),
          "'%s' is not a valid %s",
          message(
              "cvc-maxLength-valid: Value '.*' with length = '([0-9]+)' is not facet-valid with respect to maxLength '([0-9]+)'.*"),
          "the value is too long (%s, at most %s)",
          message(
              "cvc-minLength-valid: Value '.*' with length = '([1-9][0-9]*)' is not facet-valid with respect to minLength '([0-9]+)'.*"),
          "the value is too short (%s, at least %s)",
          message("cvc-minLength-valid: Value '' with length = '0' .*"),
          "the value is empty");

  private static final Map<Pattern, String> OTHERS =
      Map.of(
          message(
              "cvc-complex-type\\.2\\.4\\.a: Invalid content was found starting with element '(.*)'\\. One of '(.*)' is expected\\."),
          "unexpected element <%s> here; expected one of: %s",
          message(
              "cvc-complex-type\\.2\\.4\\.b: The content of element '(.*)' is not complete\\. One of '(.*)' is expected\\."),
          "<%s> is incomplete; expected one of: %s",
          message(
              "cvc-complex-type\\.2\\.4\\.d: Invalid content was found starting with element '(.*)'\\. No child element is expected at this point\\."),
          "unexpected element <%s> here (is it repeated, or out of order?)",
          message(
              "cvc-complex-type\\.3\\.2\\.2: Attribute '(.*)' is not allowed to appear in element '(.*)'\\."),
          "unknown attribute '%s' on <%s>",
          message("cvc-complex-type\\.4: Attribute '(.*)' must appear on element '(.*)'\\."),
          "attribute '%s' is required on <%s>",
          message("cvc-[^:]+: '(.*)' can occur a maximum of '([0-9]+)' times.*"),
          "<%s> is given more than %s times",
          message(".*JAXP00010006.*"),
          "elements are nested too deeply",
          message(
              "cvc-complex-type\\.2\\.1: Element '(.*)' must have no character or element information item.*"),
          "<%s> must be empty: its settings are attributes",
          message(
              "cvc-complex-type\\.2\\.3: Element '(.*)' cannot have character \\[children\\].*"),
          "<%s> cannot contain text, only elements");

  /** What the schema's named types mean, for "'x' is not a valid ..." messages. */
  private static final Map<String, String> TYPES =
      Map.of(
          "integer", "whole number",
          "boolean", "boolean (true or false)",
          "cidr", "network in CIDR form (address/prefix-length, as 10.0.0.0/8)",
          "interfacePattern", "interface name pattern (1-64 of A-Z a-z 0-9 _ . : @ + - * ?)");

  private SchemaMessages() {}

  private static Pattern message(String regex) {
    return Pattern.compile(regex, Pattern.DOTALL);
  }

  /** Why a value is wrong ("'0' is less than the minimum, 1"), or null for another message. */
  static String reason(String message) {
    return rewrite(REASONS, message);
  }

  /** Any other message in clear words, without the validator's code. */
  static String other(String message) {
    String known = rewrite(OTHERS, message);
    return known != null ? known : withoutCode(message);
  }

  private static String rewrite(Map<Pattern, String> templates, String message) {
    for (Map.Entry<Pattern, String> template : templates.entrySet()) {
      Matcher m = template.getKey().matcher(message);
      if (m.matches()) {
        Object[] groups = new Object[m.groupCount()];
        for (int g = 0; g < groups.length; g++) {
          groups[g] = readable(m.group(g + 1));
        }
        return String.format(template.getValue(), groups);
      }
    }
    return null;
  }

  /** Which value a message is about ("relayServer: tunnelPort"), or null if it names none. */
  static String where(String message) {
    Matcher attribute = WHERE_ATTRIBUTE.matcher(message);
    if (attribute.matches()) {
      return attribute.group(2) + ": " + attribute.group(1);
    }
    Matcher element = WHERE_ELEMENT.matcher(message);
    return element.matches() ? element.group(1) : null;
  }

  /** A value or name as printed: namespaces dropped, known types explained, long values cut. */
  private static String readable(String text) {
    String plain = text.replaceAll("\\{\"[^\"]*\":([^}]*)}", "$1").replaceAll("\"[^\"]*\":", "");
    plain = TYPES.getOrDefault(plain, plain);
    return plain.length() <= MAX_VALUE_CHARS
        ? plain
        : plain.substring(0, MAX_VALUE_CHARS) + "... (" + plain.length() + " characters)";
  }

  private static String withoutCode(String message) {
    String text =
        message
            .replaceFirst("^cvc-[A-Za-z0-9.-]+: ", "")
            .replaceAll("\\{\"[^\"]*\":([^}]*)}", "$1")
            .replaceAll("\"[^\"]*\":", "");
    Matcher quoted = Pattern.compile("'([^']{" + (MAX_VALUE_CHARS + 1) + ",})'").matcher(text);
    return quoted.replaceAll(m -> Matcher.quoteReplacement("'" + readable(m.group(1)) + "'"));
  }
}
