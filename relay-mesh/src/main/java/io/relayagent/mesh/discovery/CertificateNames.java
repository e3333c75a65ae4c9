package io.relayagent.mesh.discovery;

import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * A relay's id is its certificate's common name: binding the two stops a relay of the organisation
 * from answering under another relay's id.
 */
final class CertificateNames {
  private CertificateNames() {}

  /** The subject's common name, or {@code null} when it has none. */
  static String commonName(X509Certificate certificate) {
    try {
      LdapName name =
          new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
      // RFC 2253 lists the most specific name first; LdapName stores it last.
      for (int i = name.size() - 1; i >= 0; i--) {
        Rdn rdn = name.getRdn(i);
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
      return null;
    } catch (InvalidNameException e) {
      return null;
    }
  }
}
