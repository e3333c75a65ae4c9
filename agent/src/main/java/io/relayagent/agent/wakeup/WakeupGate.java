package io.relayagent.agent.wakeup;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.wakeup.SignedWakeup;
import io.relayagent.protocol.wakeup.Wakeup;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.ContentSignatures;
import io.relayagent.trust.TrustSource;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a wake-up makes this agent run an ASCI: it must be signed by a management server
 * of the agent's own organisation (a server certificate its trust accepts, by the same check as the
 * signed catalog), name this agent, not have expired, and carry a nonce the agent has not acted on.
 * Nonces are remembered until their wake-up expires, which is at most {@link Wakeup#MAX_LIFETIME}
 * ahead, and at most {@code maxNonces} at once, so the memory is bounded whatever arrives.
 *
 * <pre>{@code
 * WakeupGate gate = new WakeupGate("laptop-042", trust, clock, 4096);
 * if (gate.check(body) == WakeupGate.Verdict.ACCEPTED) { agent.triggerAsci(); }
 * }</pre>
 *
 * <p>A restarted agent has forgotten its nonces: a wake-up replayed within its lifetime after a
 * restart causes one more ASCI, nothing worse (docs/wakeup.md).
 */
public final class WakeupGate {
  private static final Logger log = LoggerFactory.getLogger(WakeupGate.class);

  /** The outcome of one check, with the words a log line uses. */
  public enum Verdict {
    ACCEPTED("accepted"),
    MALFORMED("not a signed wake-up"),
    NOT_SIGNED_BY_SERVER("not signed by a management server of this organisation"),
    OTHER_AGENT("meant for another agent"),
    EXPIRED("expired"),
    TOO_FAR_AHEAD("valid for longer than a wake-up may be"),
    REPLAYED("already acted on (replayed)"),
    TOO_MANY("too many wake-ups at once");

    private final String description;

    Verdict(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  private final String agentId;
  private final ContentSignatures.Verifier verifier;
  private final Clock clock;
  private final int maxNonces;
  private final Map<String, Instant> nonces = new LinkedHashMap<>();

  public WakeupGate(String agentId, TrustSource trust, Clock clock, int maxNonces) {
    if (maxNonces < 1) {
      throw new IllegalArgumentException("maxNonces must be positive, was " + maxNonces);
    }
    this.agentId = agentId;
    this.verifier = ContentSignatures.verifier(new ChainVerifier(trust, clock));
    this.clock = clock;
    this.maxNonces = maxNonces;
  }

  /**
   * Checks {@code body}, the JSON of a {@link SignedWakeup}, and remembers its nonce if accepted.
   */
  public synchronized Verdict check(byte[] body) {
    SignedWakeup signed;
    List<X509Certificate> chain;
    try {
      signed = ProtocolJson.read(body, SignedWakeup.MAX_BYTES, SignedWakeup.class);
      chain = certificates(signed.chainBytes());
    } catch (MalformedJsonException | GeneralSecurityException e) {
      return Verdict.MALFORMED;
    }
    byte[] bytes = signed.wakeupBytes();
    try {
      verifier.verify(bytes, signed.signatureBytes(), chain);
    } catch (GeneralSecurityException e) {
      log.debug("wake-up signature refused: {}", e.getMessage());
      return Verdict.NOT_SIGNED_BY_SERVER;
    }
    Wakeup wakeup;
    try {
      wakeup = ProtocolJson.read(bytes, SignedWakeup.MAX_BYTES, Wakeup.class);
    } catch (MalformedJsonException e) {
      return Verdict.MALFORMED;
    }
    return admit(wakeup);
  }

  private Verdict admit(Wakeup wakeup) {
    if (!wakeup.agents().contains(agentId)) {
      return Verdict.OTHER_AGENT;
    }
    Instant now = clock.instant();
    Instant expiry = wakeup.expiry();
    if (!expiry.isAfter(now)) {
      return Verdict.EXPIRED;
    }
    if (expiry.isAfter(now.plus(Wakeup.MAX_LIFETIME))) {
      return Verdict.TOO_FAR_AHEAD;
    }
    nonces.values().removeIf(until -> !until.isAfter(now));
    if (nonces.containsKey(wakeup.nonce())) {
      return Verdict.REPLAYED;
    }
    if (nonces.size() >= maxNonces) {
      return Verdict.TOO_MANY;
    }
    nonces.put(wakeup.nonce(), expiry);
    return Verdict.ACCEPTED;
  }

  private static List<X509Certificate> certificates(List<byte[]> encoded)
      throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> chain = new ArrayList<>(encoded.size());
    for (byte[] der : encoded) {
      chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
    }
    return chain;
  }
}
