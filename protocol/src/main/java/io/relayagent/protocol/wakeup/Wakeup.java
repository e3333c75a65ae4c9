package io.relayagent.protocol.wakeup;

import io.relayagent.protocol.json.Fields;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the server signs to make agents run an ASCI now: {@code {"agents":["laptop-042"],
 * "nonce":"...","expires":"2026-03-02T10:05:00Z"}}. An agent acts on it only if it names the agent
 * itself, has not expired, and its nonce has not been seen before (docs/wakeup.md). One message
 * names up to {@link #MAX_AGENTS} agents, so that waking thousands at once costs one signature per
 * hundred; each of them gets the same message on its own connection.
 *
 * @param agents the agents that are to call home
 * @param nonce random, at least 16 characters: one wake-up makes one ASCI
 * @param expires after this time the wake-up does nothing (ISO-8601 with an offset)
 */
public record Wakeup(List<String> agents, String nonce, String expires) {

  /** The most agents one wake-up names. */
  public static final int MAX_AGENTS = 100;

  /** The longest a wake-up may be valid: what bounds an agent's memory of nonces. */
  public static final Duration MAX_LIFETIME = Duration.ofHours(1);

  public Wakeup {
    agents = Fields.list("agents", agents);
    if (agents.isEmpty() || agents.size() > MAX_AGENTS) {
      throw Fields.problem("agents", "must name 1 to " + MAX_AGENTS + " agents");
    }
    for (int i = 0; i < agents.size(); i++) {
      Fields.text("agents[" + i + "]", agents.get(i), Fields.MAX_TEXT);
    }
    nonce = Fields.text("nonce", nonce, 64);
    if (nonce.length() < 16) {
      throw Fields.problem("nonce", "must have at least 16 characters");
    }
    expires = Fields.offsetTime("expires", expires);
  }

  /** {@link #expires} as an instant. */
  public Instant expiry() {
    return OffsetDateTime.parse(expires).toInstant();
  }
}
