package io.relayagent.config;

import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.IpLiterals;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the proxy bypass list: a host name ({@code update.example.com}), every name under a
 * domain ({@code *.corp.example.com}), an IP address or a network ({@code 10.0.0.0/8}).
 */
public final class ProxyBypass {
  private final String text;
  private final String suffix;
  private final Cidr network;

  private ProxyBypass(String text, String suffix, Cidr network) {
    this.text = text;
    this.suffix = suffix;
    this.network = network;
  }

  /**
   * Parses one entry; never asks DNS.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static ProxyBypass parse(String entry) {
    String text = entry.strip().toLowerCase(Locale.ROOT);
    if (text.equals("*")) {
      throw new IllegalArgumentException(
          "'*' would bypass the proxy for everything; use mode none");
    }
    if (text.indexOf('/') >= 0) {
      Cidr cidr = Cidr.parse(text);
      return new ProxyBypass(cidr.toString(), null, cidr);
    }
    if (IpLiterals.looksLikeLiteral(text)) {
      InetAddress address = IpLiterals.parse(text);
      Cidr single = new Cidr(address, address.getAddress().length * 8);
      return new ProxyBypass(IpLiterals.format(address), null, single);
    }
    if (text.startsWith("*.")) {
      String domain;
      try {
        domain = HostPort.canonicalHost(text.substring(2));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'" + entry + "': not a host name after '*.' (as *.corp.example.com)", e);
      }
      return new ProxyBypass("*." + domain, "." + domain, null);
    }
    String host = HostPort.canonicalHost(text);
    return new ProxyBypass(host, null, null);
  }

  /** Whether a connection to {@code host} (a name or an IP literal) goes around the proxy. */
  public boolean matches(String host) {
    String candidate = host.strip().toLowerCase(Locale.ROOT);
    if (candidate.startsWith("[") && candidate.endsWith("]")) {
      candidate = candidate.substring(1, candidate.length() - 1);
    }
    if (candidate.endsWith(".")) {
      candidate = candidate.substring(0, candidate.length() - 1);
    }
    if (network != null) {
      try {
        return IpLiterals.looksLikeLiteral(candidate)
            && network.contains(IpLiterals.parse(candidate));
      } catch (IllegalArgumentException notAnAddress) {
        return false;
      }
    }
    return suffix != null ? candidate.endsWith(suffix) : candidate.equals(text);
  }

  /** The canonical text of the entry, as the policy writer writes it. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProxyBypass bypass && bypass.text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }
}
