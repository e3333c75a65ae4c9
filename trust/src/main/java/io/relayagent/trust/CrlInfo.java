package io.relayagent.trust;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/** What {@code relay-agent cert show crl.pem} prints of a CRL: whose it is and what it revokes. */
public record CrlInfo(
    String issuer, Instant thisUpdate, Instant nextUpdate, List<String> revokedSerials) {

  public static CrlInfo of(X509CRL crl) {
    List<String> serials = new ArrayList<>();
    Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
    if (entries != null) {
      for (X509CRLEntry entry : entries) {
        serials.add(hex(entry.getSerialNumber()));
      }
    }
    return new CrlInfo(
        crl.getIssuerX500Principal().getName(X500Principal.RFC2253),
        crl.getThisUpdate().toInstant(),
        crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant(),
        serials);
  }

  /** A serial number as OpenSSL prints it: upper-case hexadecimal. */
  static String hex(BigInteger serial) {
    return serial.toString(16).toUpperCase(Locale.ROOT);
  }
}
