package io.relayagent.trust;

import java.security.cert.X509Certificate;

/**
 * The common name of a certificate, as the rest of the system uses it: a relay's id and an agent's
 * id are their certificates' common names, so an id cannot be claimed without the key.
 */
public final class CertificateNames {
  private CertificateNames() {}

  /** The subject's first common name, or the whole subject if it has none. */
  public static String commonName(X509Certificate certificate) {
    return Names.commonName(certificate);
  }
}
