package io.relayagent.trust;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** What an administrator needs to see of a certificate, as {@code relay-agent cert show} prints. */
public record CertificateInfo(
    String subject,
    String issuer,
    BigInteger serialNumber,
    Instant notBefore,
    Instant notAfter,
    Optional<Role> role,
    List<String> keyUsages,
    List<String> extendedKeyUsages,
    List<String> subjectAlternativeNames,
    String sha256Fingerprint) {

  /** RFC 5280's names of the key usage bits, in bit order. */
  private static final List<String> KEY_USAGE_NAMES =
      List.of(
          "digitalSignature",
          "nonRepudiation",
          "keyEncipherment",
          "dataEncipherment",
          "keyAgreement",
          "keyCertSign",
          "cRLSign",
          "encipherOnly",
          "decipherOnly");

  public static CertificateInfo of(X509Certificate certificate) {
    List<String> keyUsages = new ArrayList<>();
    boolean[] bits = certificate.getKeyUsage();
    for (int i = 0; bits != null && i < bits.length && i < KEY_USAGE_NAMES.size(); i++) {
      if (bits[i]) {
        keyUsages.add(KEY_USAGE_NAMES.get(i));
      }
    }
    List<String> alternativeNames = new ArrayList<>();
    Names.dnsNames(certificate).forEach(n -> alternativeNames.add("DNS:" + n));
    Names.ipAddresses(certificate).forEach(a -> alternativeNames.add("IP:" + a));
    return new CertificateInfo(
        Names.subject(certificate),
        Names.issuer(certificate),
        certificate.getSerialNumber(),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(),
        Role.of(certificate),
        keyUsages,
        Role.extendedKeyUsagesOf(certificate).stream().map(RoleCheck::name).toList(),
        alternativeNames,
        fingerprint(certificate));
  }

  /** The SHA-256 of the DER encoding, as "AB:CD:...", the form browsers and OpenSSL show. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot fingerprint a certificate: " + e.getMessage(), e);
    }
  }

  /** The serial number in hexadecimal, as OpenSSL prints it. */
  public String serialHex() {
    return CrlInfo.hex(serialNumber);
  }
}
