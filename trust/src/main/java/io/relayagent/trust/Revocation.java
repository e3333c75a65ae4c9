package io.relayagent.trust;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Revokes the certificates of a name and writes the CA's new CRL to crl.pem. During a rollover (or
 * after a renewal that kept the root) the name's previous certificate in {@code previous/} is still
 * trusted, so it is revoked too, by whichever root issued it.
 */
public final class Revocation {
  private final CaDirectory ca;

  public Revocation(CaDirectory ca) {
    this.ca = ca;
  }

  /**
   * Revokes every certificate of {@code name} that a trusted root of this directory issued.
   *
   * @return the certificates revoked
   */
  public List<X509Certificate> revoke(String name) throws TrustFileException {
    List<CertificateAuthority> authorities = new ArrayList<>();
    authorities.add(ca.loadAuthority());
    CaDirectory previous = new CaDirectory(ca.previous(), ca.clock());
    if (Files.exists(previous.caKey()) && new Rollover(ca).inProgress()) {
      authorities.add(previous.loadAuthority());
    }
    List<X509Certificate> candidates = new ArrayList<>();
    candidates.add(PemFiles.readCertificates(ca.certificate(name)).get(0));
    Path old = previous.dir().resolve(CaDirectory.checkName(name) + ".pem");
    if (Files.exists(old)) {
      candidates.add(PemFiles.readCertificates(old).get(0));
    }
    List<X509CRL> crls = Files.exists(ca.crl()) ? PemFiles.readCrls(ca.crl()) : List.of();
    List<X509CRL> updated = new ArrayList<>(crls);
    List<X509Certificate> revoked = new ArrayList<>();
    for (CertificateAuthority authority : authorities) {
      List<BigInteger> serials = new ArrayList<>();
      for (X509Certificate candidate : candidates) {
        if (issuedBy(candidate, authority) && !revoked.contains(candidate)) {
          serials.add(candidate.getSerialNumber());
          revoked.add(candidate);
        }
      }
      X509CRL own = Rollover.crlOf(authority, crls);
      updated.remove(own);
      updated.add(authorities.indexOf(authority), authority.newCrl(own, serials));
    }
    if (revoked.isEmpty()) {
      throw new TrustFileException(ca.certificate(name), "was not issued by this directory's CA");
    }
    PemFiles.writeCrls(ca.crl(), updated, true);
    return revoked;
  }

  private static boolean issuedBy(X509Certificate certificate, CertificateAuthority authority) {
    try {
      certificate.verify(authority.certificate().getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
