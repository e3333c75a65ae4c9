package io.relayagent.protocol.wakeup;

import io.relayagent.protocol.json.Fields;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What the server signs to make one agent run an ASCI now: {@code {"agentId":"laptop-042",
 * "nonce":"...","expires":"2026-03-02T10:05:00Z"}}. The agent acts on it only if it names the agent
 * itself, has not expired, and its nonce has not been seen before (docs/wakeup.md).
 *
 * @param agentId the agent that is to call home
 * @param nonce random, at least 16 characters: one wake-up makes one ASCI
 * @param expires after this time the wake-up does nothing (ISO-8601 with an offset)
 */
public record Wakeup(String agentId, String nonce, String expires) {

  /** The longest a wake-up may be valid: what bounds an agent's memory of nonces. */
  public static final Duration MAX_LIFETIME = Duration.ofHours(1);

  public Wakeup {
    agentId = Fields.text("agentId", agentId, Fields.MAX_TEXT);
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
