package io.relayagent.protocol.wakeup;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/**
 * The answer to {@code POST /admin/v1/wakeups}: one result per agent, in the order asked (sorted by
 * id for {@code all}).
 *
 * @param sent the server's time when it sent the wake-ups (a member named {@code issued} is dropped
 *     by jackson-jr, which reads {@code is...} as a getter prefix)
 */
public record WakeupReport(String sent, List<WakeupResult> results) {
  public WakeupReport {
    sent = Fields.offsetTime("sent", sent);
    results = Fields.list("results", results);
  }
}
