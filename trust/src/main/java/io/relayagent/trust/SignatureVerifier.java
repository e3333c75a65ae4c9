package io.relayagent.trust;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Checks a discovery offer's signature: the certificate must be a relay's that {@link
 * ChainVerifier} accepts (trusted, valid, not revoked), and its key must have signed the offer. A
 * caller that remembers an accepted certificate checks its later offers with {@link #keyOf}.
 */
public final class SignatureVerifier {
  private static final byte[] WARM_UP_DATA =
      "the first offer is checked as fast as the rest".getBytes(StandardCharsets.US_ASCII);

  /**
   * A well-formed ECDSA signature (r = 1, s = 1) that is nobody's: checking it runs the whole
   * verification and fails at the end.
   */
  private static final byte[] MADE_UP_SIGNATURE = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01};

  private final ChainVerifier verifier;

  public SignatureVerifier(ChainVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * Verifies {@code signature} over {@code data}, made by the key of {@code relayChain}'s first
   * certificate.
   *
   * @return the relay's certificate
   * @throws CertificateRejectedException if the chain is not an acceptable relay's
   * @throws SignatureException if the signature is not the relay key's signature of the data
   */
  public X509Certificate verify(byte[] data, byte[] signature, List<X509Certificate> relayChain)
      throws CertificateRejectedException, SignatureException {
    verifier.verify(relayChain, Role.RELAY);
    X509Certificate relay = relayChain.get(0);
    verifySignature(data, signature, relay);
    return relay;
  }

  /**
   * Verifies only that {@code relay}'s key signed {@code data}: for a caller that has already had
   * this very certificate accepted by {@link #verify} (and remembers that for a short while, since
   * checking the chain costs more than checking the signature).
   *
   * @throws SignatureException if the signature is not the relay key's signature of the data
   */
  public void verifySignature(byte[] data, byte[] signature, X509Certificate relay)
      throws SignatureException {
    EcdsaSignatures.verify(relay, data, signature, "offer");
  }

  /**
   * {@code relay}'s key made ready to check its next offers fast: for a caller that remembers a
   * certificate {@link #verify} accepted.
   *
   * @throws InvalidKeyException if it is not an EC key
   */
  public SignatureKey keyOf(X509Certificate relay) throws InvalidKeyException {
    return SignatureKey.of(relay);
  }

  /**
   * Runs every check of {@link #verify} once, on the organisation's own root certificate: reading a
   * certificate, the chain (the root's signature on itself, validity, revocation; a CA is then
   * refused as a relay) and an offer signature (a made-up one, which fails). On a fresh JVM the
   * first check loads and compiles hundreds of classes (Bouncy Castle's provider, its EC
   * arithmetic, the JDK's certificate parser) and takes a third of a second; an agent calls this at
   * start so that its first discovery round does not pay for it. Every outcome is expected and
   * ignored; it never throws.
   */
  public void warmUp() {
    List<X509Certificate> roots = verifier.trust().current().trustedRoots();
    if (roots.isEmpty()) {
      return;
    }
    X509Certificate root = roots.get(0);
    try {
      X509Certificate parsed =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(root.getEncoded()));
      CertificateNames.commonName(parsed);
      verify(WARM_UP_DATA, MADE_UP_SIGNATURE, List.of(parsed));
    } catch (SignatureException
        | CertificateException expected) { // CertificateRejectedException too
      // A CA is no relay: refused after every step of the chain check ran.
    }
    try {
      verifySignature(WARM_UP_DATA, MADE_UP_SIGNATURE, root);
    } catch (SignatureException expected) {
      // Nobody made that signature: refused after the whole verification ran.
    }
    try {
      keyOf(root).verify(WARM_UP_DATA, MADE_UP_SIGNATURE, "warm-up");
    } catch (SignatureException | InvalidKeyException expected) {
      // The same, the way remembered relays are checked.
    }
  }
}
