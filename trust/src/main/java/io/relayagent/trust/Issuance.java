package io.relayagent.trust;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.List;

/**
 * Creates a directory's root CA and issues certificates from it, writing each file atomically and
 * refusing to replace any file unless forced, checked for every file before the first is written.
 */
public final class Issuance {
  private final CaDirectory ca;

  public Issuance(CaDirectory ca) {
    this.ca = ca;
  }

  /**
   * Creates the root CA: ca.pem, ca-key.pem, a trust bundle holding the root, and an empty CRL.
   *
   * @param subject the root's distinguished name, such as "CN=Acme Relay Root,O=Acme"
   * @return the files written
   */
  public List<Path> initialize(
      String subject, KeyAlgorithm algorithm, Duration validity, boolean force)
      throws TrustFileException {
    List<Path> files = List.of(ca.caKey(), ca.caCertificate(), ca.trustBundle(), ca.crl());
    SecureFiles.checkCanWrite(files, force);
    CertificateAuthority root =
        CertificateAuthority.createRoot(subject, algorithm, validity, ca.clock());
    X509CRL emptyCrl = root.newCrl(null, List.of());
    PemFiles.writePrivateKey(ca.caKey(), root.privateKey(), force);
    PemFiles.writeCertificates(ca.caCertificate(), List.of(root.certificate()), force);
    PemFiles.writeCertificates(ca.trustBundle(), List.of(root.certificate()), force);
    PemFiles.writeCrls(ca.crl(), List.of(emptyCrl), force);
    return files;
  }

  /**
   * Issues a certificate named by the request's common name and writes NAME-key.pem, NAME.pem and,
   * if {@code pkcs12Password} is not {@code null}, NAME.p12.
   *
   * @return the files written
   */
  public List<Path> issue(IssueRequest request, char[] pkcs12Password, boolean force)
      throws TrustFileException {
    String name = CaDirectory.checkName(request.commonName());
    List<Path> files =
        pkcs12Password != null
            ? List.of(ca.privateKey(name), ca.certificate(name), ca.pkcs12(name))
            : List.of(ca.privateKey(name), ca.certificate(name));
    SecureFiles.checkCanWrite(files, force);
    write(ca, name, ca.loadAuthority().issue(request), pkcs12Password, force);
    return files;
  }

  /** Writes the key first, so a certificate on disk always has its key beside it. */
  static void write(
      CaDirectory ca, String name, Credential credential, char[] pkcs12Password, boolean force)
      throws TrustFileException {
    PemFiles.writePrivateKey(ca.privateKey(name), credential.privateKey(), force);
    PemFiles.writeCertificates(ca.certificate(name), credential.chain(), force);
    if (pkcs12Password != null) {
      Pkcs12Files.write(ca.pkcs12(name), name, credential, pkcs12Password, force);
    }
  }
}
