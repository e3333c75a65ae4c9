package io.relayagent.trust;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A key and its certificate chain in one password-protected PKCS#12 file, the form Windows
 * certificate stores and Java key stores import. Written with the JDK's PKCS#12 defaults (PBES2
 * with AES-256 and HMAC-SHA256 since Java 12) and owner-only permissions.
 */
public final class Pkcs12Files {
  private static final long MAX_FILE_SIZE = 1024L * 1024;

  private Pkcs12Files() {}

  public static void write(
      Path file, String alias, Credential credential, char[] password, boolean force)
      throws TrustFileException {
    requirePassword(file, password);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          alias,
          credential.privateKey(),
          password,
          credential.chain().toArray(new X509Certificate[0]));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      store.store(bytes, password);
      SecureFiles.write(file, bytes.toByteArray(), true, force);
    } catch (GeneralSecurityException | IOException e) {
      throw new TrustFileException(file, "cannot be made: " + e.getMessage(), e);
    }
  }

  /** The first key entry of the file, with its chain. */
  public static Credential read(Path file, char[] password) throws TrustFileException {
    requirePassword(file, password);
    KeyStore store;
    try {
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw new TrustFileException(file, "larger than " + MAX_FILE_SIZE + " bytes");
      }
      store = KeyStore.getInstance("PKCS12");
      try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(file))) {
        store.load(in, password);
      }
    } catch (NoSuchFileException e) {
      throw new TrustFileException(file, "no such file", e);
    } catch (GeneralSecurityException | IOException e) {
      throw new TrustFileException(file, "not a PKCS#12 file, or the password is wrong", e);
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        Key key = store.getKey(alias, password);
        Certificate[] chain = store.getCertificateChain(alias);
        if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
          List<X509Certificate> certificates = new ArrayList<>();
          for (Certificate certificate : chain) {
            certificates.add((X509Certificate) certificate);
          }
          return new Credential(certificates, privateKey);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new TrustFileException(file, "the private key cannot be read", e);
    }
    throw new TrustFileException(file, "no private key with a certificate chain in it");
  }

  private static void requirePassword(Path file, char[] password) throws TrustFileException {
    if (password == null || password.length == 0) {
      throw new TrustFileException(file, "a PKCS#12 file needs a non-empty password");
    }
  }
}
