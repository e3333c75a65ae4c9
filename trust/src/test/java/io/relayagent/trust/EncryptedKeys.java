package io.relayagent.trust;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;

/** Encrypted PKCS#8 keys (PBES2, AES-256, HMAC-SHA256), as administrators' tools make them. */
final class EncryptedKeys {
  private static final String PBES2 = "PBEWithHmacSHA256AndAES_256";

  private EncryptedKeys() {}

  static Path write(Path file, PrivateKey key, char[] password)
      throws GeneralSecurityException, IOException {
    byte[] salt = new byte[16];
    byte[] iv = new byte[16];
    new SecureRandom().nextBytes(salt);
    new SecureRandom().nextBytes(iv);
    AlgorithmParameters parameters = AlgorithmParameters.getInstance(PBES2);
    parameters.init(new PBEParameterSpec(salt, 10_000, new IvParameterSpec(iv)));
    Cipher cipher = Cipher.getInstance(PBES2);
    cipher.init(
        Cipher.ENCRYPT_MODE,
        SecretKeyFactory.getInstance(PBES2).generateSecret(new PBEKeySpec(password)),
        parameters);
    // Java 17 cannot name PBES2 in an EncryptedPrivateKeyInfo, so the structure is built here.
    byte[] der =
        new EncryptedPrivateKeyInfo(
                new AlgorithmIdentifier(
                    PKCSObjectIdentifiers.id_PBES2,
                    PBES2Parameters.getInstance(parameters.getEncoded())),
                cipher.doFinal(key.getEncoded()))
            .getEncoded();
    Files.write(file, PemFiles.encode(List.of(new PemObject("ENCRYPTED PRIVATE KEY", der))));
    return file;
  }

  static PublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
    try (Reader reader = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(reader)) {
      SubjectPublicKeyInfo info = (SubjectPublicKeyInfo) parser.readObject();
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(info.getEncoded()));
    }
  }
}
