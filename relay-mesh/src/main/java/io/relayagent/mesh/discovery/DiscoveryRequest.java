package io.relayagent.mesh.discovery;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * "Is there a relay?": sent by an agent as a broadcast or link-local multicast.
 *
 * @param nonce 16 random bytes; an offer must echo them, which ties it to this request
 * @param agentId who asks, for the relay's log
 */
public record DiscoveryRequest(byte[] nonce, String agentId) implements DiscoveryMessage {

  public DiscoveryRequest {
    Objects.requireNonNull(nonce, "nonce");
    if (nonce.length != DiscoveryProtocol.NONCE_BYTES) {
      throw new IllegalArgumentException("a nonce is 16 bytes, not " + nonce.length);
    }
    if (!DiscoveryProtocol.isValidId(agentId)) {
      throw new IllegalArgumentException("invalid agent id: " + agentId);
    }
    nonce = nonce.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DiscoveryRequest r
        && Arrays.equals(nonce, r.nonce)
        && agentId.equals(r.agentId);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(nonce) + agentId.hashCode();
  }

  @Override
  public String toString() {
    return "DiscoveryRequest[nonce="
        + HexFormat.of().formatHex(nonce)
        + ", agentId="
        + agentId
        + "]";
  }
}
