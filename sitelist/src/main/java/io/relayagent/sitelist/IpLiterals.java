package io.relayagent.sitelist;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals in and out of text, without ever asking DNS: a value that is not plainly an
 * address is refused, not looked up. The one place that says what an IPv4 literal is, for site
 * addresses ({@link HostPort}) and policy values alike.
 */
public final class IpLiterals {

  // Four numbers 0-255 without leading zeros, which some stacks would read as octal.
  private static final Pattern IPV4 =
      Pattern.compile(
          "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private IpLiterals() {}

  /** Whether the text looks like an IP literal rather than a host name (valid or not). */
  public static boolean looksLikeLiteral(String text) {
    return text.indexOf(':') >= 0 || looksLikeIpv4(text);
  }

  /** Whether the text is digits and dots only: meant as an IPv4 address, valid or not. */
  public static boolean looksLikeIpv4(String text) {
    return DOTTED_NUMBERS.matcher(text).matches();
  }

  /** Whether the text is a valid IPv4 literal: four numbers 0-255, no leading zeros. */
  public static boolean isIpv4(String text) {
    return IPV4.matcher(text).matches();
  }

  /**
   * Parses an IPv4 ({@code 10.0.0.1}) or IPv6 ({@code fe80::1}, no brackets, no zone) literal.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static InetAddress parse(String text) {
    try {
      if (isIpv4(text)) {
        byte[] bytes = new byte[4];
        String[] parts = text.split("\\.");
        for (int i = 0; i < 4; i++) {
          bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return InetAddress.getByAddress(bytes);
      }
      if (IPV6.matcher(text).matches() && text.indexOf(':') >= 0) {
        return parseIpv6(text);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid IP address", e);
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a valid IP address (IPv4 as four numbers 0-255, or IPv6)");
  }

  /**
   * Parses an IPv6 literal (no brackets, no zone); an IPv4-mapped one becomes the IPv4 address.
   *
   * @throws UnknownHostException if it is not one
   */
  static InetAddress parseIpv6(String text) throws UnknownHostException {
    if (!IPV6.matcher(text).matches() || text.indexOf(':') < 0) {
      throw new UnknownHostException("not an IPv6 literal");
    }
    // In brackets the JDK parses the text as an IPv6 literal or fails; it never resolves it.
    return InetAddress.getByName("[" + text + "]");
  }

  /**
   * A socket address as logs and tables show it: {@code 10.0.0.7:443} or {@code [fd77::1]:443}, the
   * address in {@link #format(InetAddress)}'s form (not the JDK's {@code /fd77:0:0:0:0:0:0:1:443}).
   * An unresolved address keeps its name; any other kind of address its own text.
   */
  public static String format(SocketAddress address) {
    if (!(address instanceof InetSocketAddress inet)) {
      return String.valueOf(address);
    }
    String host = inet.getAddress() == null ? inet.getHostString() : format(inet.getAddress());
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
  }

  /**
   * The canonical text of an address; IPv6 in the RFC 5952 short form ({@code ff02::1}), with its
   * zone when it has one ({@code fe80::1%eth0}, RFC 4007): a link-local address without its
   * interface names no host at all on a machine with two links.
   */
  public static String format(InetAddress address) {
    if (!(address instanceof Inet6Address inet6)) {
      return address.getHostAddress();
    }
    return shortForm(inet6) + zone(inet6);
  }

  /** "%eth0", "%3" or nothing, as the JDK writes a zone. */
  private static String zone(Inet6Address address) {
    if (address.getScopedInterface() != null) {
      return "%" + address.getScopedInterface().getName();
    }
    return address.getScopeId() != 0 ? "%" + address.getScopeId() : "";
  }

  private static String shortForm(Inet6Address address) {
    byte[] bytes = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    // The longest run of two or more zero groups becomes "::"; the first one if runs tie.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}
