package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.relayagent.sitelist.HostPort;
import io.relayagent.testkit.MutableClock;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The relay's responder alone in an {@link EmbeddedChannel}, fed datagrams as the socket would:
 * which requests it answers, to whom, with what, which it drops, and that every packet it was given
 * is released.
 */
class DiscoveryResponderHandlerTest {

  private static final RelayStatus SERVING =
      new RelayStatus(true, 3, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL);
  private static final InetSocketAddress RELAY = new InetSocketAddress("192.0.2.1", 8082);
  private static final InetSocketAddress AGENT = new InetSocketAddress("192.0.2.10", 40000);
  private static final byte[] NONCE = DiscoveryCodecTest.NONCE;

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private final AtomicReference<RelayStatus> status = new AtomicReference<>(SERVING);
  private final List<ByteBuf> sent = new ArrayList<>();
  private DiscoveryTrust trust;
  private EmbeddedChannel channel;

  @BeforeEach
  void open() throws Exception {
    trust = new DiscoveryTrust(dir, "Org CA");
    channel = new EmbeddedChannel(handler(false));
  }

  @AfterEach
  void everyPacketWasReleased() {
    channel.finishAndReleaseAll();
    assertThat(sent).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
  }

  @Test
  void read_paddedRequest_answersTheSenderWithASignedOfferNoLargerThanTheRequest()
      throws Exception {
    receive(request(NONCE, "agent-1"), AGENT);

    DatagramPacket answer = channel.readOutbound();
    try {
      assertThat(answer.recipient()).isEqualTo(AGENT);
      assertThat(answer.content().readableBytes())
          .isLessThanOrEqualTo(DiscoveryProtocol.REQUEST_BYTES);
      RelayOffer offer = (RelayOffer) DiscoveryCodec.decode(answer.content());
      assertThat(offer.nonce()).isEqualTo(NONCE);
      assertThat(offer.relayId()).isEqualTo("relay-a");
      assertThat(offer.tunnelPort()).isEqualTo(8083);
      assertThat(offer.load()).isEqualTo(3);
      assertThat(offer.timestamp()).isEqualTo(clock.instant());
      assertThat(offer.sites()).containsExactly(new HostPort("epo.example.com", 443));
      trust.authenticator().authenticate(offer, DiscoveryCodec.signedBytes(offer));
    } finally {
      answer.release();
    }
  }

  @Test
  void read_linkLocalIpv6Sender_isAnsweredWithItsScopeKept() throws Exception {
    InetAddress linkLocal =
        Inet6Address.getByAddress(
            null, InetAddress.getByName("fe80::1").getAddress(), /* scope id */ 7);
    InetSocketAddress sender = new InetSocketAddress(linkLocal, 40001);

    receive(request(NONCE, "agent-1"), sender);

    DatagramPacket answer = channel.readOutbound();
    try {
      assertThat(answer.recipient()).isEqualTo(sender);
      assertThat(((Inet6Address) answer.recipient().getAddress()).getScopeId()).isEqualTo(7);
    } finally {
      answer.release();
    }
  }

  @Test
  void read_unpaddedRequest_isDroppedSoTheRelayCannotAmplify() {
    ByteBuf padded = request(NONCE, "agent-1");
    ByteBuf unpadded = Unpooled.buffer();
    unpadded.writeBytes(padded, 0, DiscoveryProtocol.HEADER_BYTES + NONCE.length + 8);
    unpadded.setShort(6, unpadded.readableBytes()); // a length that matches: well-formed, short
    padded.release();

    receive(unpadded, AGENT);

    assertThat(channel.outboundMessages()).isEmpty();
  }

  @Test
  void read_malformedPackets_areDroppedWithoutAnswer() {
    byte[] garbage = "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    receive(Unpooled.wrappedBuffer(garbage), AGENT);
    ByteBuf unknownVersion = request(NONCE, "agent-1");
    unknownVersion.setByte(4, DiscoveryProtocol.VERSION + 1);
    receive(unknownVersion, AGENT);
    ByteBuf truncated = request(NONCE, "agent-1");
    truncated.writerIndex(DiscoveryProtocol.HEADER_BYTES + 4);
    receive(truncated, AGENT);
    receive(Unpooled.wrappedBuffer(new byte[DiscoveryProtocol.MAX_PACKET_BYTES + 1]), AGENT);

    assertThat(channel.outboundMessages()).isEmpty();
    assertThat(channel.isOpen()).as("a bad packet never closes the responder").isTrue();
  }

  @Test
  void read_anOffer_isStrayAndNeedsNoAnswer() throws Exception {
    RelayOffer offer = offers("relay-b").create(NONCE, SERVING, DiscoveryProtocol.REQUEST_BYTES);

    receive(DiscoveryCodec.encode(offer, ByteBufAllocator.DEFAULT), AGENT);

    assertThat(channel.outboundMessages()).isEmpty();
  }

  @Test
  void read_whileTheRelayCannotServe_answersNothing() {
    status.set(new RelayStatus(false, 0, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL));
    receive(request(NONCE, "agent-1"), AGENT);
    status.set(new RelayStatus(true, 1024, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL));
    receive(request(NONCE, "agent-1"), AGENT);

    assertThat(channel.outboundMessages()).as("unreachable upstream, then full").isEmpty();
  }

  @Test
  void read_overThePerSourceBurst_dropsThatSourceOnly() {
    for (int i = 0; i < 9; i++) {
      receive(request(NONCE, "agent-1"), AGENT);
    }
    receive(request(NONCE, "agent-2"), new InetSocketAddress("192.0.2.11", 40000));

    List<InetSocketAddress> answered = new ArrayList<>();
    for (Object message : channel.outboundMessages()) {
      answered.add(((DatagramPacket) message).recipient());
    }
    assertThat(answered).filteredOn(AGENT::equals).hasSize(8);
    assertThat(answered).last().isEqualTo(new InetSocketAddress("192.0.2.11", 40000));
  }

  @Test
  void read_ipv4SenderOnTheIpv6Channel_isLeftToTheIpv4Channel() throws Exception {
    EmbeddedChannel ipv6 = new EmbeddedChannel(handler(true));
    ByteBuf packet = request(NONCE, "agent-1");
    sent.add(packet);

    ipv6.writeInbound(new DatagramPacket(packet, RELAY, AGENT));

    assertThat(ipv6.outboundMessages()).isEmpty();
    ipv6.finishAndReleaseAll();
  }

  private DiscoveryResponderHandler handler(boolean ipv6Only) throws Exception {
    // A ticker that never moves: no token comes back during a test.
    Ticker frozen = () -> 0L;
    return new DiscoveryResponderHandler(
        offers("relay-a"),
        status::get,
        new SourceRateLimiter(1, 8, 2000, 4000, frozen),
        new OncePerSourceLog(
            LoggerFactory.getLogger(DiscoveryResponderHandlerTest.class),
            Duration.ofHours(1),
            frozen),
        ipv6Only);
  }

  private OfferFactory offers(String relayId) throws Exception {
    return new OfferFactory(
        relayId,
        8083,
        trust.signer(relayId),
        () -> List.of(new HostPort("epo.example.com", 443)),
        clock);
  }

  private static ByteBuf request(byte[] nonce, String agentId) {
    return DiscoveryCodec.encode(new DiscoveryRequest(nonce, agentId), ByteBufAllocator.DEFAULT);
  }

  private void receive(ByteBuf content, InetSocketAddress sender) {
    sent.add(content);
    channel.writeInbound(new DatagramPacket(content, RELAY, sender));
  }
}
