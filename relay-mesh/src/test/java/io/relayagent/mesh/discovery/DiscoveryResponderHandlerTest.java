package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import io.relayagent.config.DiscoveryAnswerPolicy;
import io.relayagent.sitelist.HostPort;
import io.relayagent.testkit.MutableClock;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  // At once unless a test sets a delay: most tests are about what is answered, not when.
  private final AtomicReference<DiscoveryAnswerPolicy> policy =
      new AtomicReference<>(delay(0, false));
  private final MockTicker ticker = Ticker.newMockTicker();
  private final List<ByteBuf> sent = new ArrayList<>();
  private DiscoveryTrust trust;
  private EmbeddedChannel channel;

  @BeforeEach
  void open() throws Exception {
    trust = new DiscoveryTrust(dir, "Org CA");
    channel = channel(handler(false, "relay-a"));
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
  void read_loadedRelay_answersAfterItsShareOfTheLoadDelay() throws Exception {
    policy.set(delay(200, false));
    status.set(new RelayStatus(true, 256, 256, 0, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL, 0));

    receive(request(NONCE, "agent-1"), AGENT);
    advance(ticker, channel, 99);
    assertThat(channel.outboundMessages())
        .as("open and arriving connections are half the capacity: 100 ms")
        .isEmpty();
    advance(ticker, channel, 1);

    DatagramPacket answer = channel.readOutbound();
    try {
      RelayOffer offer = (RelayOffer) DiscoveryCodec.decode(answer.content());
      assertThat(offer.load()).as("the offer's load is the tunnels open").isEqualTo(256);
    } finally {
      answer.release();
    }
  }

  @Test
  void read_idleRelay_answersAtOnce() {
    policy.set(delay(200, false));
    status.set(new RelayStatus(true, 0, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL));

    receive(request(NONCE, "agent-1"), AGENT);

    assertThat(channel.outboundMessages()).hasSize(1);
  }

  @Test
  void read_delaySwitchedOff_answersAtOnceWhateverTheLoad() {
    policy.set(delay(0, false));
    status.set(new RelayStatus(true, 1000, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL));

    receive(request(NONCE, "agent-1"), AGENT);

    assertThat(channel.outboundMessages()).as("the first-responder rule alone").hasSize(1);
  }

  @Test
  void read_busyRelay_answersNothing() {
    policy.set(delay(200, false));
    status.set(busy(DiscoveryProtocol.BUSY_CPU));
    receive(request(NONCE, "agent-1"), AGENT);
    status.set(busy(DiscoveryProtocol.BUSY_ON_BATTERY));
    receive(request(NONCE, "agent-2"), new InetSocketAddress("192.0.2.11", 40000));
    advance(ticker, channel, 10_000);

    assertThat(channel.outboundMessages()).as("busy on CPU, then on battery").isEmpty();
  }

  @Test
  void read_busyRelayAllowedToAnswer_answersAfterTheWholeDelaySayingWhy() throws Exception {
    policy.set(delay(200, true));
    status.set(busy(DiscoveryProtocol.BUSY_ON_BATTERY));

    receive(request(NONCE, "agent-1"), AGENT);
    advance(ticker, channel, 199);
    assertThat(channel.outboundMessages()).as("after every relay that is not busy").isEmpty();
    advance(ticker, channel, 1);

    DatagramPacket answer = channel.readOutbound();
    try {
      RelayOffer offer = (RelayOffer) DiscoveryCodec.decode(answer.content());
      assertThat(offer.capabilities())
          .isEqualTo(DiscoveryProtocol.CAPABILITY_TUNNEL | DiscoveryProtocol.BUSY_ON_BATTERY);
    } finally {
      answer.release();
    }
  }

  @Test
  void read_signingSlowerThanTheDelay_sendsAsSoonAsSigned() {
    Deque<Runnable> queued = new ArrayDeque<>();
    EmbeddedChannel slow = channel(handlerOrFail((sendAt, task) -> queued.add(task)));
    policy.set(delay(200, false));
    status.set(new RelayStatus(true, 512, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL));

    receive(slow, request(NONCE, "agent-1"), AGENT);
    ticker.advance(300, TimeUnit.MILLISECONDS); // the signer took longer than the 100 ms delay
    queued.poll().run();
    slow.runPendingTasks();

    assertThat(slow.outboundMessages()).hasSize(1);
    slow.finishAndReleaseAll();
  }

  @Test
  void read_stormOnEquallyLoadedRelays_eachAnswersFirstForAboutItsShare() throws Exception {
    // Three relays, equally loaded, answer the same thousand agents, who ask at once. Each
    // agent takes the first answer.
    policy.set(delay(200, false));
    String[] relays = {"relay-a", "relay-b", "relay-c"};
    Map<String, EmbeddedChannel> channels = new HashMap<>();
    for (String relay : relays) {
      channels.put(relay, channel(handler(false, relay)));
    }
    Map<String, Map<Integer, Long>> answeredAt = new HashMap<>();
    int agents = 1000;
    for (int agent = 0; agent < agents; agent++) {
      InetSocketAddress source =
          new InetSocketAddress("10.9." + agent / 200 + "." + agent % 200, 1);
      byte[] nonce = ByteBuffer.allocate(16).putInt(agent).array();
      for (String relay : relays) {
        receive(channels.get(relay), request(nonce, "agent-" + agent), source);
      }
    }
    for (long millis = 0; millis <= 201; millis++) {
      for (String relay : relays) {
        EmbeddedChannel relayChannel = channels.get(relay);
        for (Object out; (out = relayChannel.readOutbound()) != null; ) {
          DatagramPacket packet = (DatagramPacket) out;
          RelayOffer offer = (RelayOffer) DiscoveryCodec.decode(packet.content());
          int agent = ByteBuffer.wrap(offer.nonce()).getInt();
          answeredAt.computeIfAbsent(relay, r -> new HashMap<>()).put(agent, millis);
          packet.release();
        }
      }
      ticker.advance(1, TimeUnit.MILLISECONDS);
      for (String relay : relays) {
        channels.get(relay).runScheduledPendingTasks();
        channels.get(relay).runPendingTasks();
      }
    }
    Map<String, Integer> chosen = new HashMap<>();
    for (int agent = 0; agent < agents; agent++) {
      String first = null;
      long earliest = Long.MAX_VALUE;
      for (String relay : relays) {
        long at = answeredAt.get(relay).get(agent);
        if (at < earliest) {
          earliest = at;
          first = relay;
        }
      }
      chosen.merge(first, 1, Integer::sum);
    }
    channels.values().forEach(EmbeddedChannel::finishAndReleaseAll);

    // Without the spread every answer would leave at once, and the relay that happens to be
    // fastest would win them all (here: the first one the loop looks at). With it, each wins
    // about a third: ties at one millisecond go to relay-a, so allow it a little more.
    assertThat(chosen.values()).allSatisfy(won -> assertThat(won).isBetween(250, 420));
  }

  private DiscoveryResponderHandler handlerOrFail(DiscoveryResponderHandler.Signing signing) {
    try {
      return handler(false, "relay-a", signing);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static RelayStatus busy(int bits) {
    return new RelayStatus(true, 0, 0, 0, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL, bits);
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
    EmbeddedChannel ipv6 = channel(handler(true, "relay-a"));
    ByteBuf packet = request(NONCE, "agent-1");
    sent.add(packet);

    ipv6.writeInbound(new DatagramPacket(packet, RELAY, AGENT));

    assertThat(ipv6.outboundMessages()).isEmpty();
    ipv6.finishAndReleaseAll();
  }

  private DiscoveryResponderHandler handler(boolean ipv6Only, String relayId) throws Exception {
    return handler(ipv6Only, relayId, (sendAt, task) -> task.run());
  }

  private DiscoveryResponderHandler handler(
      boolean ipv6Only, String relayId, DiscoveryResponderHandler.Signing signing)
      throws Exception {
    // The rate limits and drop log see a ticker that never moves: no token comes back during a
    // test. The answer delays follow the channel's mock ticker.
    com.github.benmanes.caffeine.cache.Ticker frozen = () -> 0L;
    return new DiscoveryResponderHandler(
        new DiscoveryResponderHandler.Answering(
            offers(relayId),
            status::get,
            policy::get,
            new PromisedOffers(PromisedOffers.TIME_CONSTANT),
            new SourceRateLimiter(1, 8, 2000, 4000, frozen),
            new OncePerSourceLog(
                LoggerFactory.getLogger(DiscoveryResponderHandlerTest.class),
                Duration.ofHours(1),
                frozen),
            signing),
        ipv6Only);
  }

  private EmbeddedChannel channel(DiscoveryResponderHandler handler) {
    return EmbeddedChannel.builder().ticker(ticker).handlers(handler).build();
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
    receive(channel, content, sender);
  }

  private void receive(EmbeddedChannel into, ByteBuf content, InetSocketAddress sender) {
    sent.add(content);
    into.writeInbound(new DatagramPacket(content, RELAY, sender));
    into.runPendingTasks();
  }

  /** Moves time on and sends what is due by then. */
  private static void advance(MockTicker ticker, EmbeddedChannel channel, long millis) {
    ticker.advance(millis, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    channel.runPendingTasks();
  }

  private static DiscoveryAnswerPolicy delay(long millis, boolean answerWhenBusy) {
    return new DiscoveryAnswerPolicy(Duration.ofMillis(millis), 80, true, answerWhenBusy);
  }
}
