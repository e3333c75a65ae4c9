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
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * One discovery round's collector alone in an {@link EmbeddedChannel}, fed offers through the codec
 * as the socket would: which it keeps, which it drops, and that every packet is released.
 */
class DiscoveryClientHandlerTest {

  private static final byte[] NONCE = DiscoveryCodecTest.NONCE;
  private static final RelayStatus SERVING =
      new RelayStatus(true, 0, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL);
  private static final InetSocketAddress AGENT = new InetSocketAddress("127.0.0.1", 40000);
  private static final InetSocketAddress RELAY_A = new InetSocketAddress("127.0.0.2", 8082);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private final AtomicInteger firstOffers = new AtomicInteger();
  private final List<KnownRelay> valid = new ArrayList<>();
  private final List<ByteBuf> sent = new ArrayList<>();
  private DiscoveryTrust trust;
  private DiscoveryClientHandler handler;
  private EmbeddedChannel channel;

  @BeforeEach
  void open() throws Exception {
    trust = new DiscoveryTrust(dir.resolve("org"), "Org CA");
    Ticker frozen = () -> 0L;
    handler =
        new DiscoveryClientHandler(
            NONCE,
            System.nanoTime(),
            clock,
            Duration.ofMinutes(2),
            trust.authenticator(),
            new OncePerSourceLog(
                LoggerFactory.getLogger(DiscoveryClientHandlerTest.class),
                Duration.ofHours(1),
                frozen),
            firstOffers::incrementAndGet,
            valid::add);
    channel = new EmbeddedChannel(handler);
  }

  @AfterEach
  void everyPacketWasReleased() {
    channel.finishAndReleaseAll();
    assertThat(sent).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
  }

  @Test
  void read_validOffer_isKeptWithTheSendersAddressAndTheOfferedPort() throws Exception {
    receive(offer("relay-a", NONCE), RELAY_A);

    assertThat(valid)
        .singleElement()
        .satisfies(
            relay -> {
              assertThat(relay.relayId()).isEqualTo("relay-a");
              assertThat(relay.tunnelAddress()).isEqualTo(new InetSocketAddress("127.0.0.2", 8083));
              assertThat(relay.source()).isEqualTo(KnownRelay.Source.DISCOVERED);
            });
    assertThat(firstOffers).hasValue(1);
    assertThat(handler.hasOffer()).isTrue();
  }

  @Test
  void read_secondOfferOfTheSameRelay_isDropped_andTheFirstOfferIsReportedOnce() throws Exception {
    receive(offer("relay-a", NONCE), RELAY_A);
    receive(offer("relay-a", NONCE), RELAY_A);
    receive(offer("relay-b", NONCE), new InetSocketAddress("127.0.0.3", 8082));

    assertThat(valid).extracting(KnownRelay::relayId).containsExactly("relay-a", "relay-b");
    assertThat(firstOffers).hasValue(1);
    assertThat(handler.round().dropped()).isEqualTo(1);
  }

  @Test
  void read_offerForAnotherRound_isDropped() throws Exception {
    byte[] otherNonce = NONCE.clone();
    otherNonce[0] ^= 1;

    receive(offer("relay-a", otherNonce), RELAY_A);

    assertThat(valid).isEmpty();
    assertThat(handler.round().dropped()).isEqualTo(1);
  }

  @Test
  void read_offerMadeLongerAgoThanTheSkewAllows_isDropped() throws Exception {
    ByteBuf stale = offer("relay-a", NONCE);
    clock.advance(Duration.ofMinutes(3));

    receive(stale, RELAY_A);

    assertThat(valid).isEmpty();
    assertThat(handler.round().dropped()).isEqualTo(1);
  }

  @Test
  void read_offerSignedByAForeignCa_isDropped() throws Exception {
    DiscoveryTrust foreign = new DiscoveryTrust(dir.resolve("foreign"), "Rogue CA");
    RelayOffer forged =
        new OfferFactory("relay-a", 8083, foreign.signer("relay-a"), List::<HostPort>of, clock)
            .create(NONCE, SERVING, DiscoveryProtocol.REQUEST_BYTES);

    receive(DiscoveryCodec.encode(forged, ByteBufAllocator.DEFAULT), RELAY_A);

    assertThat(valid).isEmpty();
    assertThat(handler.round().dropped()).isEqualTo(1);
  }

  @Test
  void read_offerWithATamperedField_failsItsSignatureAndIsDropped() throws Exception {
    RelayOffer genuine = offerObject("relay-a", NONCE);
    RelayOffer tampered =
        new RelayOffer(
            genuine.nonce(),
            genuine.relayId(),
            443, // another port than the one signed
            genuine.load(),
            genuine.capacity(),
            genuine.capabilities(),
            genuine.timestamp(),
            genuine.sites(),
            genuine.certificate(),
            genuine.signature());

    receive(DiscoveryCodec.encode(tampered, ByteBufAllocator.DEFAULT), RELAY_A);

    assertThat(valid).isEmpty();
  }

  @Test
  void read_requestOrGarbage_isDropped() {
    receive(
        DiscoveryCodec.encode(new DiscoveryRequest(NONCE, "agent-2"), ByteBufAllocator.DEFAULT),
        RELAY_A);
    receive(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), RELAY_A);

    assertThat(valid).isEmpty();
    assertThat(handler.round().dropped()).isEqualTo(2);
  }

  private RelayOffer offerObject(String relayId, byte[] nonce) throws Exception {
    return new OfferFactory(
            relayId,
            8083,
            trust.signer(relayId),
            () -> List.of(new HostPort("epo.example.com", 443)),
            clock)
        .create(nonce, SERVING, DiscoveryProtocol.REQUEST_BYTES);
  }

  private ByteBuf offer(String relayId, byte[] nonce) throws Exception {
    return DiscoveryCodec.encode(offerObject(relayId, nonce), ByteBufAllocator.DEFAULT);
  }

  private void receive(ByteBuf content, InetSocketAddress sender) {
    sent.add(content);
    channel.writeInbound(new DatagramPacket(content, AGENT, sender));
  }
}
