package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;

/**
 * The wake-up part of a {@link ControlStatus} (docs/wakeup.md): the connection the agent holds open
 * for its server's wake-ups, and what came on it.
 *
 * @param route the connection's route, such as {@code relay relay-2} or {@code direct}; {@code
 *     null} while the agent holds none (before its first ASCI, or between a failure and the next
 *     attempt)
 * @param since when that connection opened, ISO-8601; {@code null} while there is none
 * @param lastWakeup when the last wake-up the agent acted on arrived, ISO-8601; {@code null}: none
 *     since the agent started
 * @param lastIgnored the last wake-up it refused, its time and why ({@code ...: already acted on
 *     (replayed)}); {@code null}: none
 */
public record ControlWakeup(String route, String since, String lastWakeup, String lastIgnored) {
  public ControlWakeup {
    route = Fields.optionalText("route", route, Fields.MAX_TEXT);
    since = since == null ? null : Fields.offsetTime("since", since);
    lastWakeup = lastWakeup == null ? null : Fields.offsetTime("lastWakeup", lastWakeup);
    lastIgnored = Fields.optionalText("lastIgnored", lastIgnored, 1024);
  }
}
