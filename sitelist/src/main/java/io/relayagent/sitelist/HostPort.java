package io.relayagent.sitelist;

import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A host and port in canonical form, the unit every site match is made of.
 *
 * <p>Names compare without case and without a trailing dot; IP literals compare by address ({@code
 * [::0:1]} equals {@code [::1]}, an IPv4-mapped IPv6 address equals the IPv4 one). What is not
 * plainly a host name or an IP literal (userinfo, percent signs, zone ids, spaces, IPv4 with
 * leading zeros, which some stacks read as octal) is refused rather than guessed at, so an odd form
 * can never match a site it should not.
 *
 * <p>Parsing never touches DNS.
 */
public record HostPort(String host, int port) {

  private static final int MAX_HOST_LENGTH = 253;
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");

  public HostPort {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Parses {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}.
   *
   * @param defaultPort the port when the text gives none (0 for "none given")
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  public static HostPort parse(String text, int defaultPort) {
    Objects.requireNonNull(text, "text");
    String hostPart;
    String portPart = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "': '[' without a closing ']'");
      }
      hostPart = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("'" + text + "': expected ':port' after ']'");
        }
        portPart = rest.substring(1);
      }
      return new HostPort(
          canonicalIpv6(hostPart, text), portOrDefault(portPart, defaultPort, text));
    }
    int colon = text.indexOf(':');
    if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
      throw new IllegalArgumentException(
          "'" + text + "': an IPv6 address must be written in brackets, as [address]:port");
    }
    if (colon >= 0) {
      hostPart = text.substring(0, colon);
      portPart = text.substring(colon + 1);
    } else {
      hostPart = text;
    }
    return new HostPort(canonicalHost(hostPart, text), portOrDefault(portPart, defaultPort, text));
  }

  /**
   * The canonical form of a host name or IPv4 literal (no brackets): lower case, no trailing dot.
   *
   * @throws IllegalArgumentException when it is neither
   */
  public static String canonicalHost(String host) {
    return canonicalHost(host, host);
  }

  /** Parses a port number: digits only, 1 to 65535. */
  public static int parsePort(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("'" + text + "' is not a port number (1-65535)");
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range (1-65535)");
    }
    return port;
  }

  /** Whether the host is an IP literal rather than a name. */
  public boolean isIpLiteral() {
    return host.indexOf(':') >= 0 || IpLiterals.isIpv4(host);
  }

  /** {@code host:port}, with IPv6 literals in brackets. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  private static int portOrDefault(String portPart, int defaultPort, String text) {
    if (portPart == null) {
      return defaultPort;
    }
    try {
      return parsePort(portPart);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage(), e);
    }
  }

  private static String canonicalHost(String host, String text) {
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".")) {
      lower = lower.substring(0, lower.length() - 1);
    }
    if (lower.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "': the host is empty");
    }
    if (lower.length() > MAX_HOST_LENGTH) {
      throw new IllegalArgumentException(
          "'" + abbreviate(text) + "': the host is longer than " + MAX_HOST_LENGTH + " characters");
    }
    if (IpLiterals.looksLikeIpv4(lower)) {
      if (!IpLiterals.isIpv4(lower)) {
        throw new IllegalArgumentException(
            "'" + text + "': not a valid IPv4 address (four numbers 0-255, no leading zeros)");
      }
      return lower;
    }
    for (String label : lower.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException(
            "'"
                + abbreviate(text)
                + "': not a valid host name (letters, digits, '-' and '_' in"
                + " dot-separated labels of 1-63 characters)");
      }
    }
    return lower;
  }

  private static String canonicalIpv6(String literal, String text) {
    try {
      return IpLiterals.format(IpLiterals.parseIpv6(literal));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "': not a valid IPv6 address", e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
