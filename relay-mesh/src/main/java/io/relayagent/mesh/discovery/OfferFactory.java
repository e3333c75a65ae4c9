package io.relayagent.mesh.discovery;

import io.relayagent.sitelist.HostPort;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds and signs a relay's answer to one request, never larger than the request: it lists as many
 * of the relay's sites as fit. The offer's capabilities field carries the relay's busy bits too.
 * Thread-safe: the signing pool's threads share one.
 */
final class OfferFactory {

  /** Room left for the signature trailer: a length byte and the largest ECDSA P-384 signature. */
  private static final int SIGNATURE_ROOM = 1 + 104;

  private final String relayId;
  private final int tunnelPort;
  private final OfferSigner signer;
  private final Supplier<List<HostPort>> sites;
  private final Clock clock;

  OfferFactory(
      String relayId,
      int tunnelPort,
      OfferSigner signer,
      Supplier<List<HostPort>> sites,
      Clock clock) {
    if (!DiscoveryProtocol.isValidId(relayId)) {
      throw new IllegalArgumentException("invalid relay id: " + relayId);
    }
    this.relayId = relayId;
    this.tunnelPort = tunnelPort;
    this.signer = signer;
    this.sites = sites;
    this.clock = clock;
  }

  String relayId() {
    return relayId;
  }

  /** The signed offer, or {@code null} when even an offer without sites would not fit. */
  RelayOffer create(byte[] nonce, RelayStatus status, int maxBytes) {
    List<HostPort> listed = new ArrayList<>(sites.get());
    if (listed.size() > DiscoveryProtocol.MAX_SITES) {
      listed = new ArrayList<>(listed.subList(0, DiscoveryProtocol.MAX_SITES));
    }
    while (true) {
      RelayOffer unsigned =
          new RelayOffer(
              nonce,
              relayId,
              tunnelPort,
              Math.min(status.load(), 65535),
              Math.min(status.capacity(), 65535),
              status.capabilities() | status.busy(),
              clock.instant(),
              listed,
              signer.certificate(),
              new byte[0]);
      byte[] signed = DiscoveryCodec.signedBytes(unsigned);
      if (signed.length + SIGNATURE_ROOM <= maxBytes) {
        return unsigned.withSignature(signer.sign(signed));
      }
      if (listed.isEmpty()) {
        return null;
      }
      listed.remove(listed.size() - 1);
    }
  }
}
