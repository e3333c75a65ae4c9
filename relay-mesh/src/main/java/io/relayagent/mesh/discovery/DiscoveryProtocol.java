package io.relayagent.mesh.discovery;

import java.util.regex.Pattern;

/**
 * Constants of the discovery wire format (see {@code docs/discovery-protocol.md}).
 *
 * <p>Every packet starts with an 8-byte header: magic {@code "RLYD"}, version, type, and the length
 * of the part of the packet the header covers (the whole request; an offer up to its signature
 * trailer). All integers are big-endian.
 */
public final class DiscoveryProtocol {

  /** {@code "RLYD"}: lets a relay tell our packets from anything else sent to its port. */
  public static final int MAGIC = 0x524C5944;

  public static final int VERSION = 1;
  public static final int TYPE_REQUEST = 1;
  public static final int TYPE_OFFER = 2;

  public static final int HEADER_BYTES = 8;
  public static final int NONCE_BYTES = 16;

  /**
   * Every request is padded to this size, and a relay never answers with more bytes than the
   * request had, so discovery cannot amplify a spoofed flood. 1232 bytes fits a single IPv6
   * datagram on a minimum-MTU link (1280 - 40 - 8), so requests are never fragmented.
   */
  public static final int REQUEST_BYTES = 1232;

  /** Larger datagrams are not ours; the receive buffer is a little larger to see them. */
  public static final int MAX_PACKET_BYTES = 1472;

  /** Relay and agent ids: short, printable, unambiguous in logs. */
  public static final int MAX_ID_BYTES = 64;

  /** Compiled once: every datagram read and every request answered checks an id. */
  private static final Pattern VALID_ID =
      Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_ID_BYTES + "}");

  public static final int MAX_SITES = 32;
  public static final int MAX_HOST_BYTES = 253;
  public static final int MAX_CERTIFICATE_BYTES = 1024;
  public static final int MAX_SIGNATURE_BYTES = 255;

  /** Capability bits of an offer (the low byte of its capabilities field). */
  public static final int CAPABILITY_TUNNEL = 1;

  public static final int CAPABILITY_CONTENT_CACHE = 2;
  public static final int CAPABILITY_PLAIN_PROXY = 4;

  /**
   * Busy bits of an offer (the high byte of its capabilities field): why the relay is busy. A busy
   * relay does not answer unless its policy lets it answer last, so only such a relay sets them.
   * Agents of version 1 that predate them read the field as a whole and ignore bits they do not
   * know.
   */
  public static final int BUSY_CPU = 0x100;

  public static final int BUSY_ON_BATTERY = 0x200;

  /** The bits of the capabilities field that say why a relay is busy. */
  public static final int BUSY_BITS = 0xFF00;

  private DiscoveryProtocol() {}

  /** Whether an agent or relay id is acceptable: 1-64 of {@code [A-Za-z0-9._:-]}. */
  public static boolean isValidId(String id) {
    return id != null && VALID_ID.matcher(id).matches();
  }
}
