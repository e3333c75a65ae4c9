package io.relayagent.server.wakeup;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * What the server instances on one database know of each other for wake-ups: which instances run (a
 * heartbeat each) and which of them holds each agent's wake-up poll, so that a wake-up asked
 * through one instance finds the instance that can deliver it.
 */
public interface HolderStore {

  /** Notes that {@code instance} is alive at {@code now}. */
  void heartbeat(String instance, Instant now) throws IOException;

  /** Notes that {@code instance} holds the polls of {@code agentIds} (their latest came there). */
  void holds(String instance, Collection<String> agentIds, Instant now) throws IOException;

  /**
   * The holders of those of {@code agentIds} whose poll an instance holds, by agent id, among the
   * instances whose heartbeat is not before {@code alive}.
   */
  Map<String, String> holders(Collection<String> agentIds, Instant alive) throws IOException;

  /** Removes {@code instance} and what it held (it stops). */
  void leave(String instance) throws IOException;

  /** Removes the instances silent since before {@code before}, and what they held. */
  void forgetSilent(Instant before) throws IOException;
}
