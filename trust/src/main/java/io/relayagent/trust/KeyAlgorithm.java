package io.relayagent.trust;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

/**
 * The elliptic curves keys are made on, each with the signature algorithm of matching strength.
 * Only NIST curves: every TLS stack the project meets (BoringSSL, the JDK, Windows) speaks them.
 */
public enum KeyAlgorithm {
  P256("secp256r1", 256, "SHA256withECDSA"),
  P384("secp384r1", 384, "SHA384withECDSA");

  private final String curve;
  private final int fieldSize;
  private final String signatureAlgorithm;

  KeyAlgorithm(String curve, int fieldSize, String signatureAlgorithm) {
    this.curve = curve;
    this.fieldSize = fieldSize;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** The JCA name of the signature this curve's keys make: SHA256withECDSA for P-256. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** The name on the command line: p256, p384. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The curve named {@code name}: p256 or p384 (P-256, P-384 too). */
  public static KeyAlgorithm fromCliName(String name) {
    String wanted = name.trim().toUpperCase(Locale.ROOT).replace("-", "");
    for (KeyAlgorithm algorithm : values()) {
      if (algorithm.name().equals(wanted)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException("unknown key type \"" + name + "\": use p256 or p384");
  }

  public KeyPair generateKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime cannot make " + curve + " keys", e);
    }
  }

  /** The curve of an EC key; keys on other curves, and non-EC keys, are not ours. */
  public static KeyAlgorithm of(Key key) {
    if (key instanceof ECKey ec) {
      int size = ec.getParams().getCurve().getField().getFieldSize();
      for (KeyAlgorithm algorithm : values()) {
        if (algorithm.fieldSize == size) {
          return algorithm;
        }
      }
    }
    throw new IllegalArgumentException(
        "not a P-256 or P-384 key: " + key.getAlgorithm() + " " + key.getFormat());
  }
}
