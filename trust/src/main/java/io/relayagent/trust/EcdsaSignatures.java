package io.relayagent.trust;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;

/**
 * The one way this project signs and checks signatures of its own messages (discovery offers,
 * content catalogs): {@code SHA256withECDSA} in DER, whatever the curve, with the fast provider of
 * {@link Providers}.
 */
final class EcdsaSignatures {
  static final String ALGORITHM = "SHA256withECDSA";

  private EcdsaSignatures() {}

  /** A DER-encoded signature of {@code data}; {@code what} names it in errors ("an offer"). */
  static byte[] sign(PrivateKey key, byte[] data, String what) {
    if (!"EC".equals(key.getAlgorithm())) {
      throw new IllegalArgumentException(
          what + " is signed with EC keys, not " + key.getAlgorithm());
    }
    try {
      Signature signature = Signature.getInstance(ALGORITHM, Providers.ecdsa());
      signature.initSign(key);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks that {@code signer}'s key made {@code signature} over {@code data}.
   *
   * @throws SignatureException naming {@code what} and the certificate when it did not
   */
  static void verify(X509Certificate signer, byte[] data, byte[] signature, String what)
      throws SignatureException {
    boolean valid;
    try {
      Signature check = Signature.getInstance(ALGORITHM, Providers.ecdsa());
      check.initVerify(signer.getPublicKey());
      check.update(data);
      valid = check.verify(signature);
    } catch (SignatureException e) {
      valid = false; // a malformed signature is as bad as a wrong one
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot verify " + what + ": " + e.getMessage(), e);
    }
    if (!valid) {
      throw new SignatureException(
          "the "
              + what
              + " signature does not verify with the key of \""
              + Names.subject(signer)
              + "\"");
    }
  }
}
