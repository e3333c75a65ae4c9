package io.relayagent.server.wakeup;

import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.wakeup.SignedWakeup;
import io.relayagent.protocol.wakeup.Wakeup;
import io.relayagent.trust.ContentSignatures;
import io.relayagent.trust.TrustSource;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Makes wake-ups signed with the server's own key ({@link ContentSignatures}, as the catalog is),
 * each with a fresh random nonce and an expiry. The key is read from the live trust at each use, so
 * a renewed server certificate signs from the moment it is on disk.
 */
public final class WakeupSigner {
  private static final int NONCE_BYTES = 18;

  private final TrustSource trust;
  private final Duration lifetime;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param lifetime how long a wake-up may be acted on: long enough for an agent whose clock is a
   *     little behind, and at most {@link Wakeup#MAX_LIFETIME}
   */
  public WakeupSigner(TrustSource trust, Duration lifetime, Clock clock) {
    if (lifetime.isNegative() || lifetime.compareTo(Wakeup.MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("a wake-up lives at most " + Wakeup.MAX_LIFETIME);
    }
    this.trust = trust;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /**
   * A new wake-up for {@code agents} (at most {@link Wakeup#MAX_AGENTS}).
   *
   * @throws IllegalStateException if the server has no EC key of a server certificate to sign with
   */
  public SignedWakeup sign(List<String> agents) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    Wakeup wakeup =
        new Wakeup(
            agents,
            Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
            clock.instant().plus(lifetime).toString());
    byte[] bytes = ProtocolJson.write(wakeup);
    ContentSignatures.Signer signer;
    try {
      signer = ContentSignatures.signer(trust.current());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("cannot sign wake-ups: " + e.getMessage(), e);
    }
    return SignedWakeup.of(bytes, signer.sign(bytes), encoded(signer.chain()));
  }

  private static List<byte[]> encoded(List<X509Certificate> chain) {
    List<byte[]> encoded = new ArrayList<>();
    try {
      for (X509Certificate certificate : chain) {
        encoded.add(certificate.getEncoded());
      }
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("the server's certificate cannot be encoded", e);
    }
    return encoded;
  }
}
