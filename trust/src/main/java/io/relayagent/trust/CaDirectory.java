package io.relayagent.trust;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The directory where the administrator keeps the organisation CA and what it issued:
 *
 * <pre>
 * ca.pem            the root CA certificate
 * ca-key.pem        the root CA's private key (owner-only)
 * trust-bundle.pem  the roots every host trusts: the root, and during a rollover the previous one
 * crl.pem           the CRLs of those roots
 * NAME.pem          NAME's certificate chain (its certificate, then the root)
 * NAME-key.pem      NAME's private key (owner-only)
 * NAME.p12          NAME's key and chain in PKCS#12, if a password was given (owner-only)
 * previous/         the files as they were before the last renewal
 * </pre>
 *
 * Nothing is replaced unless the caller forces it, except by a renewal, whose job that is. {@link
 * Issuance}, {@link Rollover} and {@link Revocation} change what is in it.
 */
public final class CaDirectory {
  public static final String CA_CERTIFICATE = "ca.pem";
  public static final String CA_KEY = "ca-key.pem";
  public static final String TRUST_BUNDLE = "trust-bundle.pem";
  public static final String CRL = "crl.pem";
  public static final String PREVIOUS = "previous";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> RESERVED = Set.of("ca", "ca-key", "trust-bundle", "crl");

  private final Path dir;
  private final Clock clock;

  public CaDirectory(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  public Path dir() {
    return dir;
  }

  Clock clock() {
    return clock;
  }

  public Path caCertificate() {
    return dir.resolve(CA_CERTIFICATE);
  }

  public Path caKey() {
    return dir.resolve(CA_KEY);
  }

  public Path trustBundle() {
    return dir.resolve(TRUST_BUNDLE);
  }

  public Path crl() {
    return dir.resolve(CRL);
  }

  public Path previous() {
    return dir.resolve(PREVIOUS);
  }

  public Path certificate(String name) {
    return dir.resolve(checkName(name) + ".pem");
  }

  public Path privateKey(String name) {
    return dir.resolve(checkName(name) + "-key.pem");
  }

  public Path pkcs12(String name) {
    return dir.resolve(checkName(name) + ".p12");
  }

  /**
   * {@code name} if it can name files here: letters, digits, dots, hyphens and underscores, no path
   * separators, and none of the CA's own file names.
   */
  public static String checkName(String name) {
    if (name == null
        || !NAME.matcher(name).matches()
        || RESERVED.contains(name)
        || name.endsWith("-key")) {
      throw new IllegalArgumentException(
          "\""
              + name
              + "\" cannot name a certificate: use up to 64 letters, digits, '.', '-' and '_',"
              + " not ending in -key, and not ca, trust-bundle or crl");
    }
    return name;
  }

  public CertificateAuthority loadAuthority() throws TrustFileException {
    try {
      return CertificateAuthority.of(
          PemFiles.readCertificates(caCertificate()).get(0),
          PemFiles.readPrivateKey(caKey(), null),
          clock);
    } catch (IllegalArgumentException e) {
      throw new TrustFileException(caKey(), e.getMessage(), e);
    }
  }

  /** The names of the certificates issued here (every NAME.pem), sorted. */
  public List<String> issuedNames() throws TrustFileException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pem")) {
      for (Path file : files) {
        String base = file.getFileName().toString();
        base = base.substring(0, base.length() - ".pem".length());
        if (NAME.matcher(base).matches() && !RESERVED.contains(base) && !base.endsWith("-key")) {
          names.add(base);
        }
      }
    } catch (IOException e) {
      throw new TrustFileException(dir, "cannot be listed: " + e.getMessage(), e);
    }
    Collections.sort(names);
    return names;
  }
}
