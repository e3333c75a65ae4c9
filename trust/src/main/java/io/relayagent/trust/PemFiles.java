package io.relayagent.trust;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Certificates, CRLs and private keys in PEM files, the form OpenSSL, nginx and every other tool
 * read. Keys are written as unencrypted PKCS#8 ({@code PRIVATE KEY}) in owner-only files; keys are
 * read as PKCS#8, encrypted PKCS#8 (with a password) or OpenSSL's {@code EC PRIVATE KEY}.
 */
public final class PemFiles {
  /** Far larger than any chain or CRL of ours; a bigger file is a mistake, not trust material. */
  private static final long MAX_FILE_SIZE = 4L * 1024 * 1024;

  private PemFiles() {}

  public static List<X509Certificate> readCertificates(Path file) throws TrustFileException {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      for (Object object : parse(file)) {
        if (object instanceof X509CertificateHolder holder) {
          certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
        }
      }
    } catch (GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
      // Bouncy Castle parses lazily and reports bad DER (a flipped bit) as a runtime exception.
      throw new TrustFileException(file, "holds a certificate that cannot be read", e);
    }
    if (certificates.isEmpty()) {
      throw new TrustFileException(file, "no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
    }
    return certificates;
  }

  public static List<X509CRL> readCrls(Path file) throws TrustFileException {
    List<X509CRL> crls = new ArrayList<>();
    try {
      for (Object object : parse(file)) {
        if (object instanceof X509CRLHolder holder) {
          crls.add(new JcaX509CRLConverter().getCRL(holder));
        }
      }
    } catch (GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
      throw new TrustFileException(file, "holds a CRL that cannot be read", e);
    }
    if (crls.isEmpty()) {
      throw new TrustFileException(file, "no PEM CRL (-----BEGIN X509 CRL-----) in it");
    }
    return crls;
  }

  /** The first private key in the file; {@code password} is needed only if it is encrypted. */
  public static PrivateKey readPrivateKey(Path file, char[] password) throws TrustFileException {
    for (Object object : parse(file)) {
      PrivateKeyInfo info;
      if (object instanceof PrivateKeyInfo plain) {
        info = plain;
      } else if (object instanceof PEMKeyPair pair) {
        info = pair.getPrivateKeyInfo();
      } else if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
        info = PrivateKeyDecoder.decrypt(file, encrypted, password);
      } else {
        continue;
      }
      return PrivateKeyDecoder.toPrivateKey(file, info);
    }
    throw new TrustFileException(file, "no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
  }

  public static void writeCertificates(Path file, List<X509Certificate> certificates, boolean force)
      throws TrustFileException {
    SecureFiles.write(file, encode(certificates), false, force);
  }

  public static void writeCrls(Path file, List<X509CRL> crls, boolean force)
      throws TrustFileException {
    SecureFiles.write(file, encode(crls), false, force);
  }

  /** Writes an unencrypted PKCS#8 key, readable by the file's owner only. */
  public static void writePrivateKey(Path file, PrivateKey key, boolean force)
      throws TrustFileException {
    try {
      SecureFiles.write(file, encode(List.of(new JcaPKCS8Generator(key, null))), true, force);
    } catch (IOException e) {
      throw new TrustFileException(file, "the key cannot be encoded: " + e.getMessage(), e);
    }
  }

  /** PEM text of certificates, CRLs or PEM generators, one block after another. */
  static byte[] encode(List<?> objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode as PEM: " + e.getMessage(), e);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static List<Object> parse(Path file) throws TrustFileException {
    try {
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw new TrustFileException(file, "larger than " + MAX_FILE_SIZE + " bytes");
      }
      return PemText.parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    } catch (NoSuchFileException e) {
      throw new TrustFileException(file, "no such file", e);
    } catch (IOException e) {
      throw new TrustFileException(file, "not a readable PEM file: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new TrustFileException(
          file, "not a readable PEM file: " + e.getCause().getMessage(), e);
    }
  }
}
