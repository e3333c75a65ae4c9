package io.relayagent.protocol.agent;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/**
 * The server's answer to an {@link EventBatch}: {@code {"acknowledged":["…"],"duplicates":0}}.
 *
 * @param acknowledged every event id of the batch that is stored now (by this request or an earlier
 *     one), in the order sent, lower-cased; the agent may forget exactly these
 * @param duplicates how many of them were stored already (or repeated within the batch)
 */
public record EventAcknowledgement(List<String> acknowledged, int duplicates) {

  public EventAcknowledgement {
    acknowledged = Fields.list("acknowledged", acknowledged);
  }
}
