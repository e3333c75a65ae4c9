package io.relayagent.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Turns parsed PEM key structures into JDK keys with the JDK's own providers only: a shaded jar
 * loses Bouncy Castle's signature, and some Java runtimes refuse an unsigned cipher provider.
 */
final class PrivateKeyDecoder {
  private static final String EC_PUBLIC_KEY_OID = "1.2.840.10045.2.1";

  private PrivateKeyDecoder() {}

  /** Decrypts PKCS#8 with PBES2, what {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} makes. */
  static PrivateKeyInfo decrypt(Path file, PKCS8EncryptedPrivateKeyInfo encrypted, char[] password)
      throws TrustFileException {
    if (password == null) {
      throw new TrustFileException(file, "the private key is encrypted and no password was given");
    }
    try {
      EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(encrypted.getEncoded());
      // Java 17 names PBES2 only by its parameters: "PBEWithHmacSHA256AndAES_256".
      String algorithm =
          "PBES2".equals(info.getAlgName())
              ? info.getAlgParameters().toString()
              : info.getAlgName();
      SecretKey key =
          SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password));
      Cipher cipher = Cipher.getInstance(algorithm);
      cipher.init(Cipher.DECRYPT_MODE, key, info.getAlgParameters());
      return PrivateKeyInfo.getInstance(info.getKeySpec(cipher).getEncoded());
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      throw new TrustFileException(
          file, "the private key cannot be decrypted (wrong password?): " + e.getMessage(), e);
    }
  }

  /** An EC key (ours) or an RSA key (an administrator's own), as the JDK's key class. */
  static PrivateKey toPrivateKey(Path file, PrivateKeyInfo info) throws TrustFileException {
    String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
    String algorithm = EC_PUBLIC_KEY_OID.equals(oid) ? "EC" : "RSA";
    try {
      return KeyFactory.getInstance(algorithm)
          .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (GeneralSecurityException | IOException e) {
      throw new TrustFileException(file, "the private key is not an EC or RSA key", e);
    }
  }
}
