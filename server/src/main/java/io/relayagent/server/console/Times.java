package io.relayagent.server.console;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times as the console shows them: in UTC, to the second ({@code 2026-03-02 10:00:05 UTC}), so a
 * column of them reads at a glance whatever offset each agent used; a text that is not a time is
 * shown as it is (escaped, like every value).
 */
final class Times {
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

  private Times() {}

  static String format(String isoTime) {
    if (isoTime == null) {
      return "-";
    }
    try {
      return OffsetDateTime.parse(isoTime).atZoneSameInstant(ZoneOffset.UTC).format(SHOWN);
    } catch (DateTimeParseException e) {
      return isoTime;
    }
  }
}
