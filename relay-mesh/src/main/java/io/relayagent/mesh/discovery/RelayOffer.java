package io.relayagent.mesh.discovery;

import io.relayagent.sitelist.HostPort;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * "I am a relay": a relay's signed answer to one {@link DiscoveryRequest}, sent unicast to the
 * requester.
 *
 * @param nonce the request's nonce, echoed
 * @param relayId the relay's stable id; agents cache relays by id, not by address
 * @param tunnelPort the TCP port of the relay's TLS tunnel listener
 * @param load tunnels open now
 * @param capacity the most tunnels the relay accepts
 * @param capabilities {@code DiscoveryProtocol.CAPABILITY_*} bits
 * @param timestamp when the relay made the offer; stale offers are dropped
 * @param sites the SiteList endpoints the relay forwards to (as many as fit)
 * @param certificate the relay's certificate (DER), which must chain to the organisation's CA
 * @param signature the relay key's signature over everything before it; empty when unsigned
 */
public record RelayOffer(
    byte[] nonce,
    String relayId,
    int tunnelPort,
    int load,
    int capacity,
    int capabilities,
    Instant timestamp,
    List<HostPort> sites,
    byte[] certificate,
    byte[] signature)
    implements DiscoveryMessage {

  public RelayOffer {
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(signature, "signature");
    if (nonce.length != DiscoveryProtocol.NONCE_BYTES) {
      throw new IllegalArgumentException("a nonce is 16 bytes, not " + nonce.length);
    }
    if (!DiscoveryProtocol.isValidId(relayId)) {
      throw new IllegalArgumentException("invalid relay id: " + relayId);
    }
    requireRange("tunnelPort", tunnelPort, 1, 65535);
    requireRange("load", load, 0, 65535);
    requireRange("capacity", capacity, 0, 65535);
    requireRange("capabilities", capabilities, 0, 65535);
    sites = List.copyOf(sites);
    if (sites.size() > DiscoveryProtocol.MAX_SITES) {
      throw new IllegalArgumentException("at most " + DiscoveryProtocol.MAX_SITES + " sites");
    }
    if (certificate.length > DiscoveryProtocol.MAX_CERTIFICATE_BYTES) {
      throw new IllegalArgumentException("certificate too large: " + certificate.length);
    }
    if (signature.length > DiscoveryProtocol.MAX_SIGNATURE_BYTES) {
      throw new IllegalArgumentException("signature too large: " + signature.length);
    }
    nonce = nonce.clone();
    certificate = certificate.clone();
    signature = signature.clone();
  }

  /** The same offer with {@code signature} attached. */
  public RelayOffer withSignature(byte[] newSignature) {
    return new RelayOffer(
        nonce,
        relayId,
        tunnelPort,
        load,
        capacity,
        capabilities,
        timestamp,
        sites,
        certificate,
        newSignature);
  }

  public boolean hasCapability(int capability) {
    return (capabilities & capability) != 0;
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public byte[] certificate() {
    return certificate.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RelayOffer r
        && Arrays.equals(nonce, r.nonce)
        && relayId.equals(r.relayId)
        && tunnelPort == r.tunnelPort
        && load == r.load
        && capacity == r.capacity
        && capabilities == r.capabilities
        && timestamp.equals(r.timestamp)
        && sites.equals(r.sites)
        && Arrays.equals(certificate, r.certificate)
        && Arrays.equals(signature, r.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(relayId, tunnelPort, timestamp, Arrays.hashCode(nonce));
  }

  @Override
  public String toString() {
    return "RelayOffer[relayId="
        + relayId
        + ", tunnelPort="
        + tunnelPort
        + ", load="
        + load
        + "/"
        + capacity
        + ", nonce="
        + HexFormat.of().formatHex(nonce)
        + ", sites="
        + sites
        + "]";
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " out of range " + min + "-" + max + ": " + value);
    }
  }
}
