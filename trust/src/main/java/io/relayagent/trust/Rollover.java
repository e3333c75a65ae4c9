package io.relayagent.trust;

import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renews everything a CA directory issued, after the Edge Relay's {@code renewcert}: new keys and
 * certificates for every name, and a new root unless the root is kept.
 *
 * <p>Certificates of hosts that enrolled themselves (no NAME-key.pem for them here) are left alone:
 * those hosts renew at their next ASCI, from the new root once it is in force.
 *
 * <p>With a new root, the trust bundle holds the new and the previous root, and the CRL file the
 * lists of both, until {@link #finish} drops the previous one. Hosts that trust the bundle accept
 * peers on either side of the rollover, so no connection is lost while certificates are replaced
 * host by host. The files as they were go to {@code previous/} first.
 */
public final class Rollover {
  /** What a renewal did: the names renewed and the names left alone, with the reason. */
  public record Result(boolean newRoot, List<String> renewed, Map<String, String> skipped) {}

  /** Why an enrolled host's certificate is left to the host: its key never was here. */
  public static final String ENROLLED = "enrolled: renews itself at its next ASCI";

  private final CaDirectory ca;

  public Rollover(CaDirectory ca) {
    this.ca = ca;
  }

  /** Whether the trust bundle still holds a root other than the current one. */
  public boolean inProgress() throws TrustFileException {
    X509Certificate root = PemFiles.readCertificates(ca.caCertificate()).get(0);
    return PemFiles.readCertificates(ca.trustBundle()).stream().anyMatch(c -> !c.equals(root));
  }

  /**
   * Renews every certificate of the directory that this CA issued and has not revoked.
   *
   * @param pkcs12Password the password for the new NAME.p12 files; needed if any exists
   * @param force start a new rollover even though the previous one was not finished
   */
  public Result renew(
      boolean keepRootCa,
      Duration validity,
      Duration caValidity,
      char[] pkcs12Password,
      boolean force)
      throws TrustFileException {
    CertificateAuthority current = ca.loadAuthority();
    if (!keepRootCa && !force && inProgress()) {
      throw new TrustFileException(
          ca.trustBundle(),
          "still holds the previous root: finish that rollover first (cert finish-rollover), once"
              + " every host has its new certificate, or force a new one");
    }
    List<X509CRL> crls = Files.exists(ca.crl()) ? PemFiles.readCrls(ca.crl()) : List.of();
    X509CRL ownCrl = crlOf(current, crls);
    Map<String, X509Certificate> renewable = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (String name : ca.issuedNames()) {
      X509Certificate certificate = PemFiles.readCertificates(ca.certificate(name)).get(0);
      String problem = whyNotRenewable(certificate, current, ownCrl);
      if (problem == null && enrolled(name, certificate)) {
        problem = ENROLLED;
      }
      if (problem != null) {
        skipped.put(name, problem);
      } else if (Files.exists(ca.pkcs12(name)) && pkcs12Password == null) {
        throw new TrustFileException(
            ca.pkcs12(name), "exists, so a password is needed to make the renewed one");
      } else {
        renewable.put(name, certificate);
      }
    }
    Archive.replacePrevious(ca);
    CertificateAuthority next = keepRootCa ? current : current.renewRoot(caValidity);
    if (!keepRootCa) {
      PemFiles.writePrivateKey(ca.caKey(), next.privateKey(), true);
      PemFiles.writeCertificates(ca.caCertificate(), List.of(next.certificate()), true);
      PemFiles.writeCertificates(
          ca.trustBundle(), List.of(next.certificate(), current.certificate()), true);
      List<X509CRL> newCrls = new ArrayList<>();
      newCrls.add(next.newCrl(null, List.of()));
      newCrls.add(ownCrl);
      PemFiles.writeCrls(ca.crl(), newCrls, true);
    }
    for (Map.Entry<String, X509Certificate> entry : renewable.entrySet()) {
      String name = entry.getKey();
      char[] password = Files.exists(ca.previous().resolve(name + ".p12")) ? pkcs12Password : null;
      Issuance.write(ca, name, next.renew(entry.getValue(), validity), password, true);
    }
    return new Result(!keepRootCa, List.copyOf(renewable.keySet()), skipped);
  }

  /**
   * Ends a rollover: the trust bundle and the CRL file keep the current root's only.
   *
   * @return false if no rollover was in progress
   */
  public boolean finish() throws TrustFileException {
    if (!inProgress()) {
      return false;
    }
    CertificateAuthority current = ca.loadAuthority();
    List<X509CRL> crls = Files.exists(ca.crl()) ? PemFiles.readCrls(ca.crl()) : List.of();
    PemFiles.writeCertificates(ca.trustBundle(), List.of(current.certificate()), true);
    PemFiles.writeCrls(ca.crl(), List.of(crlOf(current, crls)), true);
    return true;
  }

  /** The CA's own CRL among {@code crls}, or a new empty one. */
  static X509CRL crlOf(CertificateAuthority authority, List<X509CRL> crls) {
    List<X509Certificate> root = List.of(authority.certificate());
    return crls.stream()
        .filter(crl -> TrustMaterial.signerOf(crl, root).isPresent())
        .findFirst()
        .orElseGet(() -> authority.newCrl(null, List.of()));
  }

  /**
   * Whether {@code name} enrolled (or renewed) itself: its key never left the host, so there is no
   * NAME-key.pem for its certificate here (none, or one left from a certificate issued by hand
   * before). Renewing it here would mint a key that the host never gets.
   */
  private boolean enrolled(String name, X509Certificate certificate) {
    if (!Files.exists(ca.privateKey(name))) {
      return true;
    }
    try {
      return !KeyMatch.matches(
          PemFiles.readPrivateKey(ca.privateKey(name), null), certificate.getPublicKey());
    } catch (TrustFileException e) {
      return false; // unreadable here (encrypted, say): renewed as before, which replaces it
    }
  }

  private static String whyNotRenewable(
      X509Certificate certificate, CertificateAuthority current, X509CRL ownCrl) {
    try {
      certificate.verify(current.certificate().getPublicKey());
    } catch (GeneralSecurityException e) {
      return "not issued by this CA";
    }
    return ownCrl.isRevoked(certificate) ? "revoked" : null;
  }
}
