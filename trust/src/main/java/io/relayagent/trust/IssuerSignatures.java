package io.relayagent.trust;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * Whether a certificate was signed by a CA's key, remembering the checks that passed.
 *
 * <p>A signature that verified once verifies again: it is a fact about the certificate's bytes and
 * the CA's key, so those two, by a SHA-256 digest, are what is remembered. The server checks each
 * request's client certificate anew against the trust in force ({@code ClientIdentity}), and each
 * check was an ECDSA verification: when a wake-up reached 5,000 agents and each polled again at
 * once, these verifications were most of the server's CPU (bench/README.md, "Wake-up"). What
 * changes over time (validity, revocation, role) is checked by {@link ChainVerifier} at every call,
 * and a failed check is never remembered.
 */
final class IssuerSignatures {
  /** More than the agents a server holds polls for (20,000): about 200 bytes each. */
  private static final int REMEMBERED = 50_000;

  private final Cache<String, Boolean> passed;

  private IssuerSignatures(Cache<String, Boolean> passed) {
    this.passed = passed;
  }

  /** Remembers up to {@value #REMEMBERED} checks that passed. */
  static IssuerSignatures remembering() {
    return new IssuerSignatures(Caffeine.newBuilder().maximumSize(REMEMBERED).build());
  }

  /** Checks every time: for a file read once, where nothing is checked twice. */
  static IssuerSignatures checkingEachTime() {
    return new IssuerSignatures(null);
  }

  /** Whether {@code issuer}'s key signed {@code certificate}. */
  boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
    String key = passed == null ? null : key(certificate, issuer);
    if (key != null && passed.getIfPresent(key) != null) {
      return true;
    }
    try {
      certificate.verify(
          issuer.getPublicKey(), Providers.forSignature(certificate.getSigAlgName()));
    } catch (GeneralSecurityException e) {
      return false;
    }
    if (key != null) {
      passed.put(key, Boolean.TRUE);
    }
    return true;
  }

  /** How many passed checks are remembered now (for tests). */
  long remembered() {
    if (passed == null) {
      return 0;
    }
    passed.cleanUp();
    return passed.estimatedSize();
  }

  private static String key(X509Certificate certificate, X509Certificate issuer) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(certificate.getEncoded());
      digest.update(issuer.getPublicKey().getEncoded());
      return HexFormat.of().formatHex(digest.digest());
    } catch (GeneralSecurityException e) {
      // An encoding that cannot be read, or no SHA-256 (never in a JDK): check, don't remember.
      return null;
    }
  }
}
