package io.relayagent.trust;

import io.netty.util.NetUtil;
import io.relayagent.sitelist.IpLiterals;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Subject names and subject alternative names of certificates, read and written one way. */
final class Names {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private Names() {}

  /** A distinguished name as text (RFC 2253, most specific first): "CN=relay-7,O=Example". */
  static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
  }

  static String issuer(X509Certificate certificate) {
    return certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
  }

  /**
   * Parses a distinguished name such as "CN=Example Root CA,O=Example" in the JDK's order, so a
   * certificate's issuer always has the same encoding as its CA's subject.
   */
  static X500Name parse(String distinguishedName) {
    try {
      return X500Name.getInstance(new X500Principal(distinguishedName).getEncoded());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a distinguished name: \"" + distinguishedName + "\" (" + e.getMessage() + ")", e);
    }
  }

  static X500Name x500(X509Certificate certificate) {
    return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
  }

  /** The first common name (CN) of the subject, or the whole subject if it has none. */
  static String commonName(X509Certificate certificate) {
    RDN[] names = x500(certificate).getRDNs(BCStyle.CN);
    if (names.length == 0) {
      return subject(certificate);
    }
    return IETFUtils.valueToString(names[0].getFirst().getValue());
  }

  /** The first common name of {@code name}, or {@code null} if it has none. */
  static String commonName(X500Name name) {
    RDN[] names = name.getRDNs(BCStyle.CN);
    return names.length == 0 ? null : IETFUtils.valueToString(names[0].getFirst().getValue());
  }

  /** The DNS names (type 2) of the subject alternative names. */
  static List<String> dnsNames(X509Certificate certificate) {
    return alternativeNames(certificate, SAN_DNS);
  }

  /**
   * The IP addresses (type 7) of the subject alternative names, IPv6 in the RFC 5952 short form
   * (the JDK prints {@code 0:0:0:0:0:0:0:1} for {@code ::1}).
   */
  static List<String> ipAddresses(X509Certificate certificate) {
    return alternativeNames(certificate, SAN_IP).stream().map(Names::shortForm).toList();
  }

  private static String shortForm(String address) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
    if (bytes == null) {
      return address;
    }
    try {
      return IpLiterals.format(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return address; // only for a length other than 4 or 16, which the parse above never gives
    }
  }

  private static List<String> alternativeNames(X509Certificate certificate, int type) {
    List<String> names = new ArrayList<>();
    Collection<List<?>> all;
    try {
      all = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return names;
    }
    if (all != null) {
      for (List<?> name : all) {
        if (name.size() >= 2 && Integer.valueOf(type).equals(name.get(0))) {
          names.add(String.valueOf(name.get(1)));
        }
      }
    }
    return names;
  }
}
