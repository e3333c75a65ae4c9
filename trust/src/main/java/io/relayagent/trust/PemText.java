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
import java.util.regex.Pattern;
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
  private static final String DASHES = "-----";
  private static final Pattern BOUNDARY = Pattern.compile("-----(BEGIN|END) [A-Z0-9 ]+-----");

  private PemText() {}

  /** The certificates of {@code text}, in order; at least one. */
  public static List<X509Certificate> certificates(String text, String source) {
    List<X509Certificate> certificates = new ArrayList<>();
    List<Object> objects = parse(text, source);
    try {
      for (Object object : objects) {
        if (object instanceof X509CertificateHolder holder) {
          certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
        }
      }
    } catch (GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
      // Bouncy Castle parses lazily and reports bad DER (a flipped bit) as a runtime exception.
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
    List<Object> objects = parse(text, source);
    try {
      for (Object object : objects) {
        if (object instanceof X509CRLHolder holder) {
          crls.add(new JcaX509CRLConverter().getCRL(holder));
        }
      }
    } catch (GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
      // Bouncy Castle parses lazily and reports bad DER (a flipped bit) as a runtime exception.
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
    checkBoundaries(text, source);
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

  /**
   * Refuses a BEGIN or END line that is damaged. Bouncy Castle skips any line it does not take for
   * a boundary, with the block after it: one flipped bit in {@code -----BEGIN CERTIFICATE-----}
   * would silently drop a root from a bundle. A single flip leaves one end of the line's dashes
   * whole, so every line that starts or ends with five dashes must be a boundary, exactly.
   */
  private static void checkBoundaries(String text, String source) {
    int number = 0;
    for (String line : text.lines().toList()) {
      number++;
      String trimmed = line.strip();
      boolean dashed = trimmed.startsWith(DASHES) || trimmed.endsWith(DASHES);
      if (dashed && !BOUNDARY.matcher(trimmed).matches()) {
        IOException damaged = new IOException("line " + number + " is a damaged BEGIN or END line");
        throw new IllegalArgumentException(
            source + " is not readable PEM: " + damaged.getMessage(), damaged);
      }
    }
  }
}
