package io.relayagent.mesh.discovery;

import static io.relayagent.mesh.discovery.DiscoveryProtocol.HEADER_BYTES;
import static io.relayagent.mesh.discovery.DiscoveryProtocol.MAGIC;
import static io.relayagent.mesh.discovery.DiscoveryProtocol.MAX_PACKET_BYTES;
import static io.relayagent.mesh.discovery.DiscoveryProtocol.NONCE_BYTES;
import static io.relayagent.mesh.discovery.DiscoveryProtocol.REQUEST_BYTES;
import static io.relayagent.mesh.discovery.DiscoveryProtocol.TYPE_OFFER;
import static io.relayagent.mesh.discovery.DiscoveryProtocol.TYPE_REQUEST;
import static io.relayagent.mesh.discovery.DiscoveryProtocol.VERSION;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.NetUtil;
import io.relayagent.mesh.discovery.MalformedPacketException.Reason;
import io.relayagent.sitelist.HostPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and strictly decodes discovery packets. Decoding accepts exactly one encoding of each
 * message (no trailing bytes, one text per host: {@link #wireHost}), so a signature over the
 * re-encoded offer is a signature over the bytes that were received.
 */
public final class DiscoveryCodec {

  private DiscoveryCodec() {}

  /** A request padded to {@link DiscoveryProtocol#REQUEST_BYTES}. */
  public static ByteBuf encode(DiscoveryRequest request, ByteBufAllocator alloc) {
    ByteBuf out = alloc.buffer(REQUEST_BYTES);
    writeHeader(out, TYPE_REQUEST, REQUEST_BYTES);
    out.writeBytes(request.nonce());
    writeId(out, request.agentId());
    out.writeZero(REQUEST_BYTES - out.writerIndex());
    return out;
  }

  /** The offer's signed part followed by its signature trailer. */
  public static ByteBuf encode(RelayOffer offer, ByteBufAllocator alloc) {
    byte[] signed = signedBytes(offer);
    byte[] signature = offer.signature();
    ByteBuf out = alloc.buffer(signed.length + 1 + signature.length);
    out.writeBytes(signed);
    out.writeByte(signature.length);
    out.writeBytes(signature);
    return out;
  }

  /**
   * A site's host as offers carry it. IPv6 literals keep the form the first versions wrote, the
   * JDK's uncompressed one ({@code fd77:0:0:0:0:0:0:1}), although {@link HostPort} now prints the
   * RFC 5952 short form: relays and agents of both versions must go on verifying each other's
   * offers during an upgrade, and the signature covers these bytes.
   */
  static String wireHost(HostPort site) {
    String host = site.host();
    if (host.indexOf(':') < 0) {
      return host;
    }
    try {
      return InetAddress.getByAddress(NetUtil.createByteArrayFromIpAddressString(host))
          .getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a canonical IPv6 literal did not parse: " + host, e);
    }
  }

  /** The encoded size of an offer, to keep it no larger than the request it answers. */
  public static int encodedSize(RelayOffer offer) {
    return signedBytes(offer).length + 1 + offer.signature().length;
  }

  /** The bytes an offer's signature covers: the header and every field before the signature. */
  public static byte[] signedBytes(RelayOffer offer) {
    ByteBuf body = Unpooled.buffer(512);
    try {
      body.writeBytes(offer.nonce());
      writeId(body, offer.relayId());
      body.writeShort(offer.tunnelPort());
      body.writeShort(offer.load());
      body.writeShort(offer.capacity());
      body.writeShort(offer.capabilities());
      body.writeLong(offer.timestamp().toEpochMilli());
      body.writeByte(offer.sites().size());
      for (HostPort site : offer.sites()) {
        byte[] host = wireHost(site).getBytes(StandardCharsets.US_ASCII);
        body.writeByte(host.length);
        body.writeBytes(host);
        body.writeShort(site.port());
      }
      byte[] certificate = offer.certificate();
      body.writeShort(certificate.length);
      body.writeBytes(certificate);
      byte[] signed = new byte[HEADER_BYTES + body.readableBytes()];
      ByteBuf out = Unpooled.wrappedBuffer(signed).writerIndex(0);
      writeHeader(out, TYPE_OFFER, signed.length);
      out.writeBytes(body);
      return signed;
    } finally {
      body.release();
    }
  }

  /**
   * Decodes one datagram's payload; does not release {@code in}.
   *
   * @throws MalformedPacketException with the reason the packet is dropped
   */
  public static DiscoveryMessage decode(ByteBuf in) throws MalformedPacketException {
    int size = in.readableBytes();
    if (size > MAX_PACKET_BYTES) {
      throw new MalformedPacketException(Reason.OVERSIZED, "packet of " + size + " bytes");
    }
    if (size < HEADER_BYTES) {
      throw new MalformedPacketException(Reason.TRUNCATED, "packet of " + size + " bytes");
    }
    ByteBuf packet = in.duplicate();
    if (packet.readInt() != MAGIC) {
      throw new MalformedPacketException(Reason.NOT_OURS, "no discovery magic number");
    }
    int version = packet.readUnsignedByte();
    if (version != VERSION) {
      throw new MalformedPacketException(Reason.UNKNOWN_VERSION, "protocol version " + version);
    }
    int type = packet.readUnsignedByte();
    int length = packet.readUnsignedShort();
    if (length < HEADER_BYTES || length > size) {
      throw new MalformedPacketException(
          Reason.TRUNCATED, "header says " + length + " bytes, packet has " + size);
    }
    ByteBuf body = packet.readSlice(length - HEADER_BYTES);
    try {
      return switch (type) {
        case TYPE_REQUEST -> decodeRequest(body, packet);
        case TYPE_OFFER -> decodeOffer(body, packet);
        default -> throw new MalformedPacketException(Reason.UNKNOWN_TYPE, "message type " + type);
      };
    } catch (IndexOutOfBoundsException e) {
      throw new MalformedPacketException(Reason.TRUNCATED, "a field runs past the end");
    } catch (IllegalArgumentException e) {
      throw new MalformedPacketException(Reason.BAD_FIELD, e.getMessage());
    }
  }

  private static DiscoveryRequest decodeRequest(ByteBuf body, ByteBuf rest)
      throws MalformedPacketException {
    if (rest.isReadable()) {
      throw new MalformedPacketException(Reason.BAD_FIELD, "bytes after the request");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    body.readBytes(nonce);
    String agentId = readId(body);
    // The rest is padding; its content does not matter, its size does (see REQUEST_BYTES).
    return new DiscoveryRequest(nonce, agentId);
  }

  private static RelayOffer decodeOffer(ByteBuf body, ByteBuf trailer)
      throws MalformedPacketException {
    byte[] nonce = new byte[NONCE_BYTES];
    body.readBytes(nonce);
    String relayId = readId(body);
    int tunnelPort = body.readUnsignedShort();
    int load = body.readUnsignedShort();
    int capacity = body.readUnsignedShort();
    int capabilities = body.readUnsignedShort();
    Instant timestamp = Instant.ofEpochMilli(body.readLong());
    int siteCount = body.readUnsignedByte();
    if (siteCount > DiscoveryProtocol.MAX_SITES) {
      throw new MalformedPacketException(Reason.BAD_FIELD, siteCount + " sites");
    }
    List<HostPort> sites = new ArrayList<>(siteCount);
    for (int i = 0; i < siteCount; i++) {
      String host =
          body.readCharSequence(body.readUnsignedByte(), StandardCharsets.US_ASCII).toString();
      int port = body.readUnsignedShort();
      HostPort site = HostPort.parse(host.indexOf(':') >= 0 ? "[" + host + "]" : host, port);
      if (!wireHost(site).equals(host) || port == 0) {
        throw new MalformedPacketException(Reason.BAD_FIELD, "site not in canonical form: " + host);
      }
      sites.add(site);
    }
    int certificateLength = body.readUnsignedShort();
    if (certificateLength > DiscoveryProtocol.MAX_CERTIFICATE_BYTES) {
      throw new MalformedPacketException(Reason.BAD_FIELD, "certificate of " + certificateLength);
    }
    byte[] certificate = new byte[certificateLength];
    body.readBytes(certificate);
    if (body.isReadable()) {
      throw new MalformedPacketException(Reason.BAD_FIELD, "bytes after the certificate");
    }
    byte[] signature = new byte[trailer.readUnsignedByte()];
    trailer.readBytes(signature);
    if (trailer.isReadable()) {
      throw new MalformedPacketException(Reason.BAD_FIELD, "bytes after the signature");
    }
    return new RelayOffer(
        nonce,
        relayId,
        tunnelPort,
        load,
        capacity,
        capabilities,
        timestamp,
        sites,
        certificate,
        signature);
  }

  private static void writeHeader(ByteBuf out, int type, int length) {
    out.writeInt(MAGIC);
    out.writeByte(VERSION);
    out.writeByte(type);
    out.writeShort(length);
  }

  private static void writeId(ByteBuf out, String id) {
    byte[] bytes = id.getBytes(StandardCharsets.US_ASCII);
    out.writeByte(bytes.length);
    out.writeBytes(bytes);
  }

  private static String readId(ByteBuf in) throws MalformedPacketException {
    int length = in.readUnsignedByte();
    String id = in.readCharSequence(length, StandardCharsets.US_ASCII).toString();
    if (!DiscoveryProtocol.isValidId(id)) {
      throw new MalformedPacketException(Reason.BAD_FIELD, "invalid id");
    }
    return id;
  }
}
