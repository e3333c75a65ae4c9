package io.relayagent.mesh.discovery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.relayagent.trust.CertificateNames;
import io.relayagent.trust.SignatureKey;
import io.relayagent.trust.SignatureVerifier;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

/**
 * Trusts an offer when its certificate is a relay's that the organisation's CA issued (valid, not
 * revoked), names the relay id the offer claims (as its common name), and its key signed the offer.
 *
 * <p>A relay sends the same certificate in every offer, so a certificate whose chain was accepted
 * is remembered for {@link #CHAIN_MEMORY}, with its key made ready for fast checks ({@link
 * SignatureKey}), and only its validity dates and the offer's signature are checked meanwhile: a
 * revocation takes effect within that time.
 *
 * <p>Thread-safe.
 */
public final class TrustOfferAuthenticator implements OfferAuthenticator {

  /** How long an accepted relay certificate is trusted without checking its chain again. */
  public static final Duration CHAIN_MEMORY = Duration.ofMinutes(1);

  private final SignatureVerifier verifier;
  private final Clock clock;

  /** A certificate whose chain was accepted, its common name and its key. */
  private record Accepted(X509Certificate certificate, String commonName, SignatureKey key) {}

  private final Cache<ByteBuffer, Accepted> accepted =
      Caffeine.newBuilder().maximumSize(1024).expireAfterWrite(CHAIN_MEMORY).build();

  public TrustOfferAuthenticator(SignatureVerifier verifier) {
    this(verifier, Clock.systemUTC());
  }

  public TrustOfferAuthenticator(SignatureVerifier verifier, Clock clock) {
    this.verifier = verifier;
    this.clock = clock;
  }

  @Override
  public void authenticate(RelayOffer offer, byte[] signedBytes) throws RejectedOfferException {
    if (offer.signature().length == 0) {
      throw new RejectedOfferException("unsigned offer from relay " + offer.relayId());
    }
    ByteBuffer der = ByteBuffer.wrap(offer.certificate());
    Accepted known = accepted.getIfPresent(der);
    X509Certificate certificate = known != null ? known.certificate() : parse(offer);
    String commonName =
        known != null ? known.commonName() : CertificateNames.commonName(certificate);
    if (!offer.relayId().equals(commonName)) {
      throw new RejectedOfferException(
          "offer claims relay id " + offer.relayId() + " but its certificate is for " + commonName);
    }
    try {
      if (known == null) {
        verifier.verify(signedBytes, offer.signature(), List.of(certificate));
        accepted.put(der, new Accepted(certificate, commonName, verifier.keyOf(certificate)));
      } else {
        certificate.checkValidity(Date.from(clock.instant()));
        known.key().verify(signedBytes, offer.signature(), "offer");
      }
    } catch (SignatureException
        | CertificateException // CertificateRejectedException too
        | InvalidKeyException e) {
      throw new RejectedOfferException(
          "offer from relay " + offer.relayId() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean remembers(RelayOffer offer) {
    return accepted.getIfPresent(ByteBuffer.wrap(offer.certificate())) != null;
  }

  @Override
  public void warmUp() {
    verifier.warmUp();
    accepted.getIfPresent(ByteBuffer.wrap(new byte[0]));
  }

  private static X509Certificate parse(RelayOffer offer) throws RejectedOfferException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(offer.certificate()));
    } catch (CertificateException | ClassCastException e) {
      throw new RejectedOfferException(
          "offer from relay " + offer.relayId() + " has no readable certificate", e);
    }
  }
}
