package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.relayagent.mesh.discovery.MalformedPacketException.Reason;
import io.relayagent.sitelist.HostPort;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DiscoveryCodecTest {

  static final byte[] NONCE = new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

  static RelayOffer offer() {
    return new RelayOffer(
        NONCE,
        "relay-1",
        8083,
        3,
        1024,
        DiscoveryProtocol.CAPABILITY_TUNNEL | DiscoveryProtocol.CAPABILITY_CONTENT_CACHE,
        Instant.ofEpochMilli(1_790_000_000_123L),
        List.of(new HostPort("epo.example.com", 443), HostPort.parse("[::1]", 8443)),
        new byte[300],
        new byte[] {9, 9, 9});
  }

  @Test
  void request_roundTrips_andIsPaddedToTheFixedSize() throws Exception {
    DiscoveryRequest request = new DiscoveryRequest(NONCE, "agent-7");

    byte[] bytes = encode(request);

    assertThat(bytes).hasSize(DiscoveryProtocol.REQUEST_BYTES);
    assertThat(decode(bytes)).isEqualTo(request);
  }

  @Test
  void offer_roundTrips() throws Exception {
    assertThat(decode(encode(offer()))).isEqualTo(offer());
  }

  @Test
  void offer_ipv6Site_travelsInTheFirstVersionsUncompressedForm() {
    // Relays and agents of the versions before the RFC 5952 change must still verify each other.
    String wire = new String(encode(offer()), java.nio.charset.StandardCharsets.ISO_8859_1);

    assertThat(wire).contains("0:0:0:0:0:0:0:1").doesNotContain("::1");
  }

  @Test
  void offer_fitsInTheRequestThatCausedIt() {
    assertThat(DiscoveryCodec.encodedSize(offer())).isLessThan(DiscoveryProtocol.REQUEST_BYTES);
    assertThat(encode(offer())).hasSize(DiscoveryCodec.encodedSize(offer()));
  }

  @Test
  void signedBytes_coverEveryFieldButTheSignature() {
    byte[] signed = DiscoveryCodec.signedBytes(offer());

    assertThat(DiscoveryCodec.signedBytes(offer().withSignature(new byte[70]))).isEqualTo(signed);
    assertThat(DiscoveryCodec.signedBytes(withLoad(offer(), 4))).isNotEqualTo(signed);
    assertThat(Arrays.copyOf(encode(offer()), signed.length)).isEqualTo(signed);
  }

  @Test
  void decode_tooShortForAHeader_isTruncated() {
    assertMalformed(new byte[7], Reason.TRUNCATED);
  }

  @Test
  void decode_wrongMagic_isNotOurs() {
    assertMalformed(mutate(encode(offer()), b -> b[0] = 'X'), Reason.NOT_OURS);
  }

  @Test
  void decode_unknownVersion_isReportedAsSuch() {
    assertMalformed(mutate(encode(offer()), b -> b[4] = 2), Reason.UNKNOWN_VERSION);
  }

  @Test
  void decode_unknownType_isReportedAsSuch() {
    assertMalformed(mutate(encode(offer()), b -> b[5] = 9), Reason.UNKNOWN_TYPE);
  }

  @Test
  void decode_lengthBeyondThePacket_isTruncated() {
    byte[] bytes = encode(new DiscoveryRequest(NONCE, "a"));
    assertMalformed(Arrays.copyOf(bytes, bytes.length - 1), Reason.TRUNCATED);
  }

  @Test
  void decode_offerCutAnywhere_isDropped() {
    byte[] bytes = encode(offer());
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> decode(truncated))
          .as("cut at %d", cut)
          .isInstanceOf(MalformedPacketException.class);
    }
  }

  @Test
  void decode_bytesAfterTheSignature_areRefused() {
    byte[] bytes = encode(offer());
    assertMalformed(Arrays.copyOf(bytes, bytes.length + 1), Reason.BAD_FIELD);
  }

  @Test
  void decode_bytesAfterARequest_areRefused() {
    byte[] bytes = encode(new DiscoveryRequest(NONCE, "a"));
    assertMalformed(Arrays.copyOf(bytes, bytes.length + 4), Reason.BAD_FIELD);
  }

  @Test
  void decode_oversizedPacket_isRefused() {
    byte[] bytes = Arrays.copyOf(encode(offer()), DiscoveryProtocol.MAX_PACKET_BYTES + 1);
    assertMalformed(bytes, Reason.OVERSIZED);
  }

  @Test
  void decode_invalidRelayId_isRefused() {
    // The relay id starts after the header (8), the nonce (16) and its length byte.
    assertMalformed(mutate(encode(offer()), b -> b[8 + 16 + 1] = ' '), Reason.BAD_FIELD);
  }

  @Test
  void decode_siteNotInCanonicalForm_isRefused() {
    RelayOffer offer = offer();
    byte[] bytes = encode(offer);
    String encoded = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = encoded.indexOf("epo.example.com");
    assertMalformed(mutate(bytes, b -> b[at] = 'E'), Reason.BAD_FIELD);
  }

  @Test
  void decode_zeroTunnelPort_isRefused() {
    int portAt = 8 + 16 + 1 + "relay-1".length();
    assertMalformed(mutate(encode(offer()), b -> b[portAt] = b[portAt + 1] = 0), Reason.BAD_FIELD);
  }

  @Test
  void decode_randomBytes_neverThrowAnythingElse() {
    java.util.Random random = new java.util.Random(42);
    byte[] valid = encode(offer());
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = valid.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      try {
        decode(bytes);
      } catch (MalformedPacketException expected) {
        // Dropping is the right outcome; anything else thrown fails the test.
      }
    }
  }

  private static RelayOffer withLoad(RelayOffer o, int load) {
    return new RelayOffer(
        o.nonce(),
        o.relayId(),
        o.tunnelPort(),
        load,
        o.capacity(),
        o.capabilities(),
        o.timestamp(),
        o.sites(),
        o.certificate(),
        o.signature());
  }

  private static void assertMalformed(byte[] bytes, Reason reason) {
    assertThatThrownBy(() -> decode(bytes))
        .isInstanceOf(MalformedPacketException.class)
        .extracting(e -> ((MalformedPacketException) e).reason())
        .isEqualTo(reason);
  }

  private static byte[] mutate(byte[] bytes, Consumer<byte[]> change) {
    byte[] copy = bytes.clone();
    change.accept(copy);
    return copy;
  }

  static byte[] encode(DiscoveryMessage message) {
    ByteBuf buf =
        message instanceof DiscoveryRequest r
            ? DiscoveryCodec.encode(r, ByteBufAllocator.DEFAULT)
            : DiscoveryCodec.encode((RelayOffer) message, ByteBufAllocator.DEFAULT);
    try {
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      return bytes;
    } finally {
      buf.release();
    }
  }

  static DiscoveryMessage decode(byte[] bytes) throws MalformedPacketException {
    ByteBuf buf = Unpooled.wrappedBuffer(bytes);
    try {
      return DiscoveryCodec.decode(buf);
    } finally {
      buf.release();
    }
  }
}
