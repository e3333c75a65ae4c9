package io.relayagent.sitelist;

import java.util.Locale;

/**
 * SiteList.xml writes booleans as {@code 1}/{@code 0}; some tools write {@code true}/{@code false}.
 */
final class Flag {
  private Flag() {}

  static boolean isValid(String value) {
    return value == null || parse(value) != null;
  }

  static boolean isSet(String value, boolean whenAbsent) {
    if (value == null) {
      return whenAbsent;
    }
    Boolean parsed = parse(value);
    return parsed != null ? parsed : whenAbsent;
  }

  private static Boolean parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "1", "true" -> Boolean.TRUE;
      case "0", "false" -> Boolean.FALSE;
      default -> null;
    };
  }
}
