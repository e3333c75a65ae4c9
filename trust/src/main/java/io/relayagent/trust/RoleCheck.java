package io.relayagent.trust;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** Whether a peer's end-entity certificate may act in the role the connection expects. */
final class RoleCheck {
  private RoleCheck() {}

  /** Why {@code certificate} may not act as {@code expected}, or empty if it may. */
  static Optional<String> problem(X509Certificate certificate, Role expected) {
    boolean isCa = certificate.getBasicConstraints() >= 0;
    if (expected == Role.CA) {
      return isCa ? Optional.empty() : Optional.of("is not a CA certificate");
    }
    if (isCa) {
      return Optional.of("is a CA certificate, not the certificate of " + expected.description());
    }
    boolean[] keyUsage = certificate.getKeyUsage();
    if (keyUsage != null && !keyUsage[0]) {
      return Optional.of("lacks key usage digitalSignature required of " + expected.description());
    }
    List<String> usages = Role.extendedKeyUsagesOf(certificate);
    for (KeyPurposeId required : expected.extendedKeyUsages()) {
      if (!usages.contains(required.getId())) {
        return Optional.of(
            "lacks extended key usage "
                + name(required.getId())
                + " required of "
                + expected.description());
      }
    }
    // Only a server may answer as the server: a relay passing as one could read tunnelled traffic.
    if (expected == Role.SERVER && usages.contains(Role.CLIENT_AUTH)) {
      return Optional.of(
          "is the certificate of "
              + Role.of(certificate).orElse(Role.RELAY).description()
              + " (extended key usage clientAuth), not of a server");
    }
    return Optional.empty();
  }

  /** The name OpenSSL and RFC 5280 use for an extended key usage OID. */
  static String name(String oid) {
    if (Role.SERVER_AUTH.equals(oid)) {
      return "serverAuth";
    }
    if (Role.CLIENT_AUTH.equals(oid)) {
      return "clientAuth";
    }
    return oid;
  }
}
