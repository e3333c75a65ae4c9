package io.relayagent.trust;

import io.netty.util.NetUtil;
import io.relayagent.trust.CertificateRejectedException.Reason;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether a server's certificate names the host the client meant to reach (RFC 6125): an IP address
 * must be among its IP address names (an "IP SAN"), a host name among its DNS names, where "*"
 * stands for exactly one whole left-most label. The subject's common name is not consulted, as
 * browsers and the JDK no longer do.
 */
final class HostNameCheck {
  private HostNameCheck() {}

  static void check(X509Certificate certificate, String host) throws CertificateRejectedException {
    if (host == null || host.isEmpty()) {
      throw ChainVerifier.rejected(
          certificate,
          Reason.HOST_NAME_MISMATCH,
          "cannot be matched to a host name: the connection was opened without one");
    }
    String wanted =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    byte[] address = NetUtil.createByteArrayFromIpAddressString(wanted);
    boolean matches =
        address != null ? matchesAddress(certificate, address) : matchesName(certificate, wanted);
    if (!matches) {
      List<String> names = new ArrayList<>();
      Names.dnsNames(certificate).forEach(n -> names.add("DNS:" + n));
      Names.ipAddresses(certificate).forEach(a -> names.add("IP:" + a));
      // Said as the SAN that is missing: "has no IP SAN 10.0.0.7" tells an administrator what
      // to add to the certificate, or that the agent dialled an address it should not.
      throw ChainVerifier.rejected(
          certificate,
          Reason.HOST_NAME_MISMATCH,
          (address != null ? "has no IP SAN " + wanted : "has no DNS SAN matching \"" + host + "\"")
              + " (its subject alternative names: "
              + (names.isEmpty() ? "none" : String.join(", ", names))
              + ")");
    }
  }

  private static boolean matchesAddress(X509Certificate certificate, byte[] address) {
    for (String ip : Names.ipAddresses(certificate)) {
      byte[] named = NetUtil.createByteArrayFromIpAddressString(ip);
      if (named != null && Arrays.equals(named, address)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesName(X509Certificate certificate, String host) {
    String wanted = normalise(host);
    for (String dns : Names.dnsNames(certificate)) {
      String named = normalise(dns);
      if (named.equals(wanted)) {
        return true;
      }
      if (named.startsWith("*.")) {
        int dot = wanted.indexOf('.');
        if (dot > 0 && wanted.substring(dot).equals(named.substring(1))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String normalise(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
