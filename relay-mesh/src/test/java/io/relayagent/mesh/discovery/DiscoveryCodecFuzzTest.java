package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Any datagram that reaches a discovery port: the codec drops it with a reason, or it is exactly
 * the encoding of the message it yields (an offer re-encodes to the very bytes received, which is
 * what makes the signature over the re-encoded offer a signature over the datagram).
 */
class DiscoveryCodecFuzzTest {

  @FuzzTest
  void decode_anyDatagram_isDroppedWithAReasonOrIsTheEncodingOfWhatItYields(byte[] datagram) {
    ByteBuf in = Unpooled.wrappedBuffer(datagram);
    DiscoveryMessage message;
    try {
      message = DiscoveryCodec.decode(in);
    } catch (MalformedPacketException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(in.readerIndex()).as("the caller's buffer is left as it was").isZero();
      return;
    }
    assertThat(in.readerIndex()).as("the caller's buffer is left as it was").isZero();
    assertThat(datagram.length).isLessThanOrEqualTo(DiscoveryProtocol.MAX_PACKET_BYTES);
    if (message instanceof RelayOffer offer) {
      byte[] again = encode(DiscoveryCodec.encode(offer, UnpooledByteBufAllocator.DEFAULT));
      assertThat(again).isEqualTo(datagram);
      assertThat(DiscoveryCodec.encodedSize(offer)).isEqualTo(datagram.length);
    } else {
      // The padding's content is not part of the message, so only the message round-trips.
      DiscoveryRequest request = (DiscoveryRequest) message;
      byte[] again = encode(DiscoveryCodec.encode(request, UnpooledByteBufAllocator.DEFAULT));
      assertThat(again).hasSize(DiscoveryProtocol.REQUEST_BYTES);
      assertThat(decode(again)).isEqualTo(request);
    }
  }

  /** The bytes of {@code out}, which is released. */
  private static byte[] encode(ByteBuf out) {
    try {
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }

  private static DiscoveryMessage decode(byte[] bytes) {
    try {
      return DiscoveryCodec.decode(Unpooled.wrappedBuffer(bytes));
    } catch (MalformedPacketException e) {
      throw new AssertionError("what the codec wrote, it cannot read: " + e.getMessage(), e);
    }
  }
}
