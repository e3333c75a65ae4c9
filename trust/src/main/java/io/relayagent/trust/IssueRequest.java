package io.relayagent.trust;

import io.netty.util.NetUtil;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What to put in a new end-entity certificate: its role, its common name, the host names and
 * addresses it answers to, and how long it lasts.
 *
 * @param notBefore the start of validity, or {@code null} for "now" by the CA's clock
 * @param keyAlgorithm the curve of the new key, or {@code null} for the CA's own curve
 */
public record IssueRequest(
    Role role,
    String commonName,
    List<String> dnsNames,
    List<String> ipAddresses,
    Duration validity,
    Instant notBefore,
    KeyAlgorithm keyAlgorithm) {

  /** A default of one year: short enough that a lost key expires, long enough to manage. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

  /** Letters, digits and hyphens in dot-separated labels; a leading "*." for a wildcard. */
  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  public IssueRequest {
    if (role == null || role == Role.CA) {
      throw new IllegalArgumentException("a certificate is issued for a server, relay or agent");
    }
    if (commonName == null || commonName.isBlank()) {
      throw new IllegalArgumentException("a certificate needs a name");
    }
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    for (String dns : dnsNames) {
      if (dns.length() > 253 || !DNS_NAME.matcher(dns).matches()) {
        throw new IllegalArgumentException("not a DNS name: \"" + dns + "\"");
      }
    }
    for (String ip : ipAddresses) {
      // Literals only: resolving a name here would put whatever DNS says today into the cert.
      if (!NetUtil.isValidIpV4Address(ip) && !NetUtil.isValidIpV6Address(ip)) {
        throw new IllegalArgumentException("not an IPv4 or IPv6 address: \"" + ip + "\"");
      }
    }
    if (validity == null || validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("a certificate's validity must be positive");
    }
  }

  /** A certificate for {@code role} named {@code commonName}, valid for a year from now. */
  public static IssueRequest of(Role role, String commonName) {
    return new IssueRequest(role, commonName, List.of(), List.of(), DEFAULT_VALIDITY, null, null);
  }

  public IssueRequest withDnsNames(List<String> names) {
    return new IssueRequest(
        role, commonName, names, ipAddresses, validity, notBefore, keyAlgorithm);
  }

  public IssueRequest withIpAddresses(List<String> addresses) {
    return new IssueRequest(
        role, commonName, dnsNames, addresses, validity, notBefore, keyAlgorithm);
  }

  public IssueRequest withValidity(Duration newValidity) {
    return new IssueRequest(
        role, commonName, dnsNames, ipAddresses, newValidity, notBefore, keyAlgorithm);
  }

  public IssueRequest withNotBefore(Instant start) {
    return new IssueRequest(role, commonName, dnsNames, ipAddresses, validity, start, keyAlgorithm);
  }

  public IssueRequest withKeyAlgorithm(KeyAlgorithm algorithm) {
    return new IssueRequest(
        role, commonName, dnsNames, ipAddresses, validity, notBefore, algorithm);
  }
}
