package io.relayagent.trust;

import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks certificates up in the CRLs of the CA that issued them. Each CRL is matched to its CA by
 * signature once, when the material is loaded: during a rollover the old and new roots share a
 * name, and only the key tells whose list a CRL is.
 */
final class RevocationCheck {
  private record SignedCrl(X509CRL crl, X509Certificate signer) {}

  private final List<SignedCrl> crls = new ArrayList<>();
  private final String source;

  RevocationCheck(TrustMaterial material) {
    for (X509CRL crl : material.crls()) {
      TrustMaterial.signerOf(crl, material.trustedRoots())
          .ifPresent(signer -> crls.add(new SignedCrl(crl, signer)));
    }
    this.source = material.crlSource();
  }

  /** Why {@code certificate}, issued by {@code issuer}, is revoked; empty if it is not. */
  Optional<String> problem(X509Certificate certificate, X509Certificate issuer) {
    for (SignedCrl signed : crls) {
      if (!signed.signer().equals(issuer)) {
        continue;
      }
      X509CRLEntry entry = signed.crl().getRevokedCertificate(certificate.getSerialNumber());
      if (entry != null) {
        return Optional.of(
            "revoked (CRL " + source + ") on " + entry.getRevocationDate().toInstant());
      }
    }
    return Optional.empty();
  }
}
