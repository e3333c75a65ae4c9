package io.relayagent.trust;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What one host trusts and how it proves itself: the trusted root CAs, its own certificate chain
 * and key (if it has them), and the CRLs it checks peers against. Built once from files (see {@link
 * #load}) and shared by every TLS context and verifier of the host.
 */
public final class TrustMaterial implements TrustSource {
  private final List<X509Certificate> trustedRoots;
  private final Credential identity;
  private final List<X509CRL> crls;
  private final String crlSource;
  private volatile RevocationCheck revocation;

  private TrustMaterial(
      List<X509Certificate> trustedRoots, Credential identity, List<X509CRL> crls, String source) {
    this.trustedRoots = List.copyOf(trustedRoots);
    this.identity = identity;
    this.crls = List.copyOf(crls);
    this.crlSource = source;
  }

  /**
   * Material from objects already in memory.
   *
   * @param identity this host's chain and key, or {@code null} for a host that proves nothing
   * @param crls CRLs, each signed by one of the trusted roots
   * @param crlSource where the CRLs came from (a file name), named when a certificate is revoked
   * @throws IllegalArgumentException if a root is not a CA, a CRL is not signed by a trusted root,
   *     or the key does not belong to the chain's first certificate
   */
  public static TrustMaterial of(
      List<X509Certificate> trustedRoots,
      Credential identity,
      List<X509CRL> crls,
      String crlSource) {
    if (trustedRoots.isEmpty()) {
      throw new IllegalArgumentException("no trusted CA certificate");
    }
    for (X509Certificate root : trustedRoots) {
      if (root.getBasicConstraints() < 0) {
        throw new IllegalArgumentException(
            Names.subject(root) + " is not a CA certificate, so it cannot be a trusted root");
      }
    }
    for (X509CRL crl : crls) {
      if (signerOf(crl, trustedRoots).isEmpty()) {
        throw new IllegalArgumentException(
            "the CRL of \"" + crl.getIssuerX500Principal() + "\" is not signed by a trusted CA");
      }
    }
    if (identity != null
        && !KeyMatch.matches(identity.privateKey(), identity.certificate().getPublicKey())) {
      throw new IllegalArgumentException(
          "the private key does not belong to the certificate "
              + Names.subject(identity.certificate()));
    }
    return new TrustMaterial(trustedRoots, identity, crls, crlSource);
  }

  /** A material never changes: it is its own current material. */
  @Override
  public TrustMaterial current() {
    return this;
  }

  /** Reads the files, with an error naming the file and the problem if one is unusable. */
  public static TrustMaterial load(TrustFiles files) throws TrustFileException {
    return TrustFilesReader.read(files);
  }

  public List<X509Certificate> trustedRoots() {
    return trustedRoots;
  }

  /** This host's certificate chain and key, if it has them. */
  public Optional<Credential> identity() {
    return Optional.ofNullable(identity);
  }

  public List<X509CRL> crls() {
    return crls;
  }

  /** Where the CRLs came from, for messages: "revoked (CRL /etc/relay-agent/crl.pem)". */
  public String crlSource() {
    return crlSource == null ? "in memory" : crlSource;
  }

  /** The CRLs matched to their CAs, built once per material (a signature check per CRL). */
  RevocationCheck revocation() {
    RevocationCheck check = revocation;
    if (check == null) {
      check = new RevocationCheck(this);
      revocation = check;
    }
    return check;
  }

  /**
   * The trusted root whose key signed {@code certificate}, if any: during a rollover the previous
   * and the new root share a name, and only the key tells which one issued it.
   */
  public Optional<X509Certificate> issuingRoot(X509Certificate certificate) {
    return ChainVerifier.issuerAmong(certificate, trustedRoots);
  }

  /** The trusted root whose key signed {@code crl}, if any. */
  static Optional<X509Certificate> signerOf(X509CRL crl, List<X509Certificate> roots) {
    for (X509Certificate root : roots) {
      if (root.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
        try {
          crl.verify(root.getPublicKey());
          return Optional.of(root);
        } catch (GeneralSecurityException e) {
          // Same name, other key: during a rollover the old and new roots share their name.
        }
      }
    }
    return Optional.empty();
  }
}
