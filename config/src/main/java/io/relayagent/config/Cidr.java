package io.relayagent.config;

import io.relayagent.sitelist.IpLiterals;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A network in CIDR form ({@code 10.20.0.0/16}, {@code fd00::/8}), IPv4 or IPv6.
 *
 * @param network the network address; no bit beyond the prefix is set
 */
public record Cidr(InetAddress network, int prefixLength) {

  public Cidr {
    Objects.requireNonNull(network, "network");
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "prefix length " + prefixLength + " is out of range (0-" + bits + ")");
    }
    if (!Arrays.equals(network.getAddress(), masked(network.getAddress(), prefixLength))) {
      throw new IllegalArgumentException(
          IpLiterals.format(network)
              + "/"
              + prefixLength
              + " has bits set beyond the prefix; the network is "
              + new Cidr(addressOf(masked(network.getAddress(), prefixLength)), prefixLength));
    }
  }

  /**
   * Parses {@code address/prefix-length}; never asks DNS.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a network in CIDR form (address/prefix-length, as 10.0.0.0/8)");
    }
    String prefix = text.substring(slash + 1);
    if (!prefix.matches("[0-9]{1,3}")) {
      throw new IllegalArgumentException(
          "'" + text + "': the prefix length must be a number (0-32 for IPv4, 0-128 for IPv6)");
    }
    try {
      return new Cidr(IpLiterals.parse(text.substring(0, slash)), Integer.parseInt(prefix));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage(), e);
    }
  }

  /** Whether {@code address} lies in this network (an IPv4 address never lies in an IPv6 one). */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == network.getAddress().length
        && Arrays.equals(masked(bytes, prefixLength), network.getAddress());
  }

  @Override
  public String toString() {
    return IpLiterals.format(network) + "/" + prefixLength;
  }

  private static byte[] masked(byte[] address, int prefixLength) {
    byte[] result = address.clone();
    for (int bit = prefixLength; bit < result.length * 8; bit++) {
      result[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return result;
  }

  private static InetAddress addressOf(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
    }
  }
}
