package io.relayagent.trust;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * PEM text in memory: certificates, CRLs and certificate requests as they travel in the wire
 * documents of enrollment and of the trust bundle. {@link PemFiles} reads files through it. Errors
 * are {@link IllegalArgumentException}s naming the source (a file, or a document's member).
 */
public final class PemText {
  private PemText() {}

  /** The certificates of {@code text}, in order; at least one. */
  public static List<X509Certificate> certificates(String text, String source) {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      for (Object object : parse(text, source)) {
        if (object instanceof X509CertificateHolder holder) {
          certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(source + " holds a certificate that cannot be read", e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(
          source + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return certificates;
  }

  /** The CRLs of {@code text}; at least one. */
  public static List<X509CRL> crls(String text, String source) {
    List<X509CRL> crls = new ArrayList<>();
    try {
      for (Object object : parse(text, source)) {
        if (object instanceof X509CRLHolder holder) {
          crls.add(new JcaX509CRLConverter().getCRL(holder));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(source + " holds a CRL that cannot be read", e);
    }
    if (crls.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no PEM CRL (-----BEGIN X509 CRL-----)");
    }
    return crls;
  }

  /** PEM text of certificates or CRLs, one block after another. */
  public static String encode(List<?> objects) {
    return new String(PemFiles.encode(objects), StandardCharsets.US_ASCII);
  }

  /** Every PEM object of {@code text}, parsed by Bouncy Castle. */
  static List<Object> parse(String text, String source) {
    List<Object> objects = new ArrayList<>();
    try (Reader reader = new StringReader(text);
        PEMParser parser = new PEMParser(reader)) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(source + " is not readable PEM: " + e.getMessage(), e);
    }
    return objects;
  }
}
