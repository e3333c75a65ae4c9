package io.relayagent.agent.events;

import java.io.IOException;
import java.util.Set;

/**
 * Delivers one batch to the management server ({@code POST /agent/v1/events}, body {@link
 * Batch#toMessage}) and returns the ids the server acknowledged (its {@code EventAcknowledgement}).
 * The agent plugs in its route to the server: direct or through a relay.
 */
@FunctionalInterface
public interface BatchTransport {

  /**
   * Sends the batch.
   *
   * @return the ids of the events the server has stored (now or in an earlier attempt)
   * @throws IOException if the server could not be reached or refused the batch; the events stay
   *     queued and the same batch is sent next time
   */
  Set<String> send(Batch batch) throws IOException, InterruptedException;
}
