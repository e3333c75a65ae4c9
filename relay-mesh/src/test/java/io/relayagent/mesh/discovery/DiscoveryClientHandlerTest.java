package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * One discovery round's collector alone in an {@link EmbeddedChannel}, fed offers through the codec
 * as the socket would, its checks held in a queue that each test runs when and in the order it
 * likes (as a slow or a fast verifier thread would): which offers it keeps, in which order, with
 * which round trip, which it drops, and that every packet is released.
 */
class DiscoveryClientHandlerTest {

  private static final byte[] NONCE = DiscoveryCodecTest.NONCE;
  private static final RelayStatus SERVING =
      new RelayStatus(true, 0, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL);
  private static final InetSocketAddress AGENT = new InetSocketAddress("127.0.0.1", 40000);
  private static final InetSocketAddress RELAY_A = new InetSocketAddress("127.0.0.2", 8082);
  private static final InetSocketAddress RELAY_B = new InetSocketAddress("127.0.0.3", 8082);
  private static final InetSocketAddress RELAY_C = new InetSocketAddress("127.0.0.4", 8082);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private final AtomicInteger firstOffers = new AtomicInteger();
  private final List<KnownRelay> valid = new ArrayList<>();
  private final List<ByteBuf> sent = new ArrayList<>();

  /** The checks handed to the verifier, not yet run. */
  private final List<Runnable> checks = new ArrayList<>();

  private DiscoveryTrust trust;
  private DiscoveryClientHandler handler;
  private EmbeddedChannel channel;

  @BeforeEach
  void open() throws Exception {
    trust = new DiscoveryTrust(dir.resolve("org"), "Org CA");
    handler = newHandler();
    channel = new EmbeddedChannel(handler);
    handler.requestSent(System.nanoTime());
  }

  @AfterEach
  void everyPacketWasReleased() {
    channel.finishAndReleaseAll();
    assertThat(sent).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
  }

  @Test
  void read_validOffer_isKeptWithTheSendersAddressAndTheOfferedPort() throws Exception {
    receive(offer("relay-a", NONCE), RELAY_A);
    runChecks();

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
  void read_checksFinishingInReverse_publishInArrivalOrder() throws Exception {
    receive(offer("relay-a", NONCE), RELAY_A);
    receive(offer("relay-b", NONCE), RELAY_B);
    receive(offer("relay-c", NONCE), RELAY_C);

    // The first check is the slow one: the later two finish first.
    runCheck(2);
    runCheck(1);
    assertThat(valid).as("nothing is published before the first arrival is settled").isEmpty();
    runCheck(0);

    assertThat(valid)
        .extracting(KnownRelay::relayId)
        .containsExactly("relay-a", "relay-b", "relay-c");
    assertThat(firstOffers).hasValue(1);
  }

  @Test
  void read_slowCheck_doesNotCountInTheRoundTrip() throws Exception {
    long sentAt = System.nanoTime();
    DiscoveryClientHandler timed = newHandler();
    EmbeddedChannel timedChannel = new EmbeddedChannel(timed);
    timed.requestSent(sentAt);
    receiveOn(timedChannel, offer("relay-a", NONCE), RELAY_A);
    long arrived = System.nanoTime();

    Thread.sleep(300); // a check that takes 300 ms
    runChecksOn(timedChannel);

    assertThat(valid).singleElement();
    assertThat(valid.get(0).roundTrip())
        .as("from sending to reading the offer, without the check")
        .isGreaterThan(Duration.ZERO)
        .isLessThanOrEqualTo(Duration.ofNanos(arrived - sentAt));
    assertThat(timed.round().firstOfferAfter()).isEqualTo(valid.get(0).roundTrip());
    timedChannel.finishAndReleaseAll();
  }

  @Test
  void read_firstOfferFailsItsCheck_theOthersKeepTheirOrder() throws Exception {
    receive(forged("relay-a"), RELAY_A);
    receive(offer("relay-b", NONCE), RELAY_B);
    receive(offer("relay-c", NONCE), RELAY_C);
    runCheck(2);
    runCheck(1);
    runCheck(0);

    assertThat(valid).extracting(KnownRelay::relayId).containsExactly("relay-b", "relay-c");
    assertThat(handler.round().dropped()).isEqualTo(1);
  }

  @Test
  void read_secondOfferOfTheSameRelay_isDropped_andTheFirstOfferIsReportedOnce() throws Exception {
    receive(offer("relay-a", NONCE), RELAY_A);
    receive(offer("relay-a", NONCE), RELAY_A);
    receive(offer("relay-b", NONCE), RELAY_B);
    runChecks();

    assertThat(valid).extracting(KnownRelay::relayId).containsExactly("relay-a", "relay-b");
    assertThat(firstOffers).hasValue(1);
    assertThat(handler.round().dropped()).isEqualTo(1);
  }

  @Test
  void read_relayAnsweringTwice_keepsTheFirstArrivalEvenIfItsCheckEndsLast() throws Exception {
    InetSocketAddress overIpv6 = new InetSocketAddress("::1", 8082);
    receive(offer("relay-a", NONCE), RELAY_A);
    receive(offer("relay-a", NONCE), overIpv6);
    runCheck(1);
    runCheck(0);

    assertThat(valid)
        .singleElement()
        .extracting(relay -> relay.tunnelAddress().getAddress())
        .isEqualTo(RELAY_A.getAddress());
    assertThat(handler.round().dropped()).isEqualTo(1);
  }

  @Test
  void read_forgedOfferInTheNameOfARelay_doesNotShutOutTheGenuineOne() throws Exception {
    receive(forged("relay-a"), RELAY_B);
    receive(offer("relay-a", NONCE), RELAY_A);
    runChecks();

    assertThat(valid)
        .singleElement()
        .extracting(relay -> relay.tunnelAddress().getAddress())
        .isEqualTo(RELAY_A.getAddress());
  }

  @Test
  void read_offerForAnotherRound_isDropped() throws Exception {
    byte[] otherNonce = NONCE.clone();
    otherNonce[0] ^= 1;

    receive(offer("relay-a", otherNonce), RELAY_A);
    runChecks();

    assertThat(valid).isEmpty();
    assertThat(handler.round().dropped()).isEqualTo(1);
  }

  @Test
  void read_offerMadeLongerAgoThanTheSkewAllows_isDropped() throws Exception {
    ByteBuf stale = offer("relay-a", NONCE);
    clock.advance(Duration.ofMinutes(3));

    receive(stale, RELAY_A);
    runChecks();

    assertThat(valid).isEmpty();
    assertThat(handler.round().dropped()).isEqualTo(1);
  }

  @Test
  void read_freshOfferCheckedLate_isJudgedByItsArrival() throws Exception {
    receive(offer("relay-a", NONCE), RELAY_A);
    clock.advance(Duration.ofMinutes(3)); // the check runs long after the offer arrived

    runChecks();

    assertThat(valid).extracting(KnownRelay::relayId).containsExactly("relay-a");
  }

  @Test
  void read_offerSignedByAForeignCa_isDropped() throws Exception {
    receive(forged("relay-a"), RELAY_A);
    runChecks();

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
    runChecks();

    assertThat(valid).isEmpty();
  }

  @Test
  void read_tamperedOfferOfARelayWhoseCertificateIsRemembered_isDropped() throws Exception {
    LaterRound later = roundAfterAccepting("relay-a");
    DiscoveryClientHandler next = later.handler();
    EmbeddedChannel nextRound = later.channel();
    RelayOffer genuine = offerObject("relay-a", NONCE);
    RelayOffer tampered =
        new RelayOffer(
            genuine.nonce(),
            genuine.relayId(),
            443,
            genuine.load(),
            genuine.capacity(),
            genuine.capabilities(),
            genuine.timestamp(),
            genuine.sites(),
            genuine.certificate(),
            genuine.signature());

    receiveOn(nextRound, DiscoveryCodec.encode(tampered, ByteBufAllocator.DEFAULT), RELAY_A);
    runChecksOn(nextRound);

    assertThat(next.round().relays())
        .as("its certificate is remembered; the signature is still checked")
        .isEmpty();
    assertThat(next.round().dropped()).isEqualTo(1);
    nextRound.finishAndReleaseAll();
  }

  @Test
  void read_offerOfARememberedRelay_nothingWaiting_isCheckedAtOnceOnTheLoop() throws Exception {
    EmbeddedChannel nextRound = roundAfterAccepting("relay-a").channel();

    receiveOn(nextRound, offer("relay-a", NONCE), RELAY_A);

    assertThat(checks).as("nothing handed to the verifier").isEmpty();
    assertThat(valid).extracting(KnownRelay::relayId).containsExactly("relay-a");
    nextRound.finishAndReleaseAll();
  }

  @Test
  void read_laterOfferOfARememberedRelay_afterTheFirstWasSettled_goesToTheVerifier()
      throws Exception {
    EmbeddedChannel nextRound = roundAfterAccepting("relay-a", "relay-b").channel();

    receiveOn(nextRound, offer("relay-a", NONCE), RELAY_A); // first: checked here
    receiveOn(nextRound, offer("relay-b", NONCE), RELAY_B); // nothing waits, but not the first

    assertThat(valid).extracting(KnownRelay::relayId).containsExactly("relay-a");
    assertThat(checks).as("later offers never delay reading the ones behind them").hasSize(1);
    runChecksOn(nextRound);
    assertThat(valid).extracting(KnownRelay::relayId).containsExactly("relay-a", "relay-b");
    nextRound.finishAndReleaseAll();
  }

  @Test
  void read_offerOfARememberedRelayBehindOneWaiting_goesToTheVerifierAndKeepsItsPlace()
      throws Exception {
    EmbeddedChannel nextRound = roundAfterAccepting("relay-b").channel();

    receiveOn(nextRound, offer("relay-a", NONCE), RELAY_A); // unknown: to the verifier
    receiveOn(nextRound, offer("relay-b", NONCE), RELAY_B); // known, but relay-a waits before it

    assertThat(checks).hasSize(2);
    assertThat(valid).isEmpty();
    runChecksOn(nextRound);
    assertThat(valid).extracting(KnownRelay::relayId).containsExactly("relay-a", "relay-b");
    nextRound.finishAndReleaseAll();
  }

  @Test
  void read_requestOrGarbage_isDropped() {
    receive(
        DiscoveryCodec.encode(new DiscoveryRequest(NONCE, "agent-2"), ByteBufAllocator.DEFAULT),
        RELAY_A);
    receive(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), RELAY_A);
    runChecks();

    assertThat(valid).isEmpty();
    assertThat(handler.round().dropped()).isEqualTo(2);
  }

  @Test
  void read_floodFromOneSource_holdsABoundedNumberAndLeavesRoomForTheRelays() throws Exception {
    InetSocketAddress flooder = new InetSocketAddress("127.0.0.9", 8082);
    for (int i = 0; i < 5000; i++) {
      receive(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, (byte) i}), flooder);
    }
    receive(offer("relay-a", NONCE), RELAY_A);

    assertThat(checks)
        .as("only the flooder's share waits to be checked, and the relay's offer")
        .hasSize(ArrivalLedger.MAX_WAITING_PER_SOURCE + 1);
    runChecks();
    assertThat(valid).extracting(KnownRelay::relayId).containsExactly("relay-a");
    assertThat(handler.round().dropped()).isEqualTo(5000);
    assertThat(handler.mostWaiting()).isEqualTo(ArrivalLedger.MAX_WAITING_PER_SOURCE + 1);
  }

  @Test
  void read_floodFromManySources_holdsABoundedNumber() {
    for (int i = 0; i < 5000; i++) {
      InetSocketAddress source =
          new InetSocketAddress("127.1." + (i / 250) + "." + (i % 250 + 1), 8082);
      receive(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), source);
    }

    assertThat(checks).hasSize(ArrivalLedger.MAX_WAITING);
    assertThat(handler.mostWaiting()).isEqualTo(ArrivalLedger.MAX_WAITING);
    runChecks();
    assertThat(handler.round().dropped()).isEqualTo(5000);
  }

  @Test
  void read_beforeTheRequestWasSent_isDropped() throws Exception {
    DiscoveryClientHandler early = newHandler();
    EmbeddedChannel earlyChannel = new EmbeddedChannel(early);

    receiveOn(earlyChannel, offer("relay-a", NONCE), RELAY_A);

    assertThat(checks).isEmpty();
    assertThat(early.round().dropped()).isEqualTo(1);
    earlyChannel.finishAndReleaseAll();
  }

  @Test
  void finish_waitsForTheChecksOfOffersThatArrivedInTime() throws Exception {
    receive(offer("relay-a", NONCE), RELAY_A);

    CompletableFuture<DiscoveryRound> round =
        handler.finish(channel.eventLoop(), Duration.ofSeconds(2));
    assertThat(round).isNotDone();
    runChecks();

    assertThat(round).isCompleted();
    assertThat(round.get().relays()).extracting(KnownRelay::relayId).containsExactly("relay-a");
  }

  @Test
  void finish_checksNotDoneWithinTheGrace_areDropped_verifiedOnesBehindThemKept() throws Exception {
    receive(offer("relay-a", NONCE), RELAY_A);
    receive(offer("relay-b", NONCE), RELAY_B);
    runCheck(1);

    CompletableFuture<DiscoveryRound> round =
        handler.finish(channel.eventLoop(), Duration.ofSeconds(2));
    channel.advanceTimeBy(2, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();

    assertThat(round).isCompleted();
    assertThat(round.get().relays()).extracting(KnownRelay::relayId).containsExactly("relay-b");
    assertThat(round.get().dropped()).isEqualTo(1);
    runCheck(0); // its check ends after the round: nobody waits for it any more
    assertThat(valid).extracting(KnownRelay::relayId).containsExactly("relay-b");
  }

  /** A round, its request sent, and the channel it reads from. */
  private record LaterRound(DiscoveryClientHandler handler, EmbeddedChannel channel) {}

  /**
   * A later round of an agent whose first round accepted an offer of each of {@code relayIds}
   * (relay-a, relay-b, relay-c), so that their certificates are remembered; what the first round
   * handed to the verifier and reported is cleared.
   */
  private LaterRound roundAfterAccepting(String... relayIds) throws Exception {
    OfferAuthenticator remembering = trust.authenticator();
    DiscoveryClientHandler first = newHandler(remembering);
    EmbeddedChannel firstRound = new EmbeddedChannel(first);
    first.requestSent(System.nanoTime());
    for (String relayId : relayIds) {
      receiveOn(firstRound, offer(relayId, NONCE), addressOf(relayId));
    }
    assertThat(checks)
        .as("an unknown relay's chain is checked by the verifier")
        .hasSize(relayIds.length);
    runChecksOn(firstRound);
    assertThat(first.round().relays()).extracting(KnownRelay::relayId).containsExactly(relayIds);
    firstRound.finishAndReleaseAll();
    checks.clear();
    valid.clear();
    DiscoveryClientHandler next = newHandler(remembering);
    EmbeddedChannel nextRound = new EmbeddedChannel(next);
    next.requestSent(System.nanoTime());
    return new LaterRound(next, nextRound);
  }

  private static InetSocketAddress addressOf(String relayId) {
    return switch (relayId) {
      case "relay-a" -> RELAY_A;
      case "relay-b" -> RELAY_B;
      case "relay-c" -> RELAY_C;
      default -> throw new IllegalArgumentException(relayId);
    };
  }

  private DiscoveryClientHandler newHandler() throws Exception {
    return newHandler(trust.authenticator());
  }

  private DiscoveryClientHandler newHandler(OfferAuthenticator authenticator) {
    return new DiscoveryClientHandler(
        NONCE,
        System.nanoTime(),
        clock,
        Duration.ofMinutes(2),
        new OfferVerifier(authenticator, checks::add),
        new OncePerSourceLog(
            LoggerFactory.getLogger(DiscoveryClientHandlerTest.class),
            Duration.ofHours(1),
            () -> 0L),
        firstOffers::incrementAndGet,
        valid::add);
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

  /** An offer in {@code relayId}'s name, signed by a relay of another organisation's CA. */
  private ByteBuf forged(String relayId) throws Exception {
    DiscoveryTrust foreign = new DiscoveryTrust(dir.resolve("foreign-" + relayId), "Rogue CA");
    RelayOffer forged =
        new OfferFactory(relayId, 8083, foreign.signer(relayId), List::<HostPort>of, clock)
            .create(NONCE, SERVING, DiscoveryProtocol.REQUEST_BYTES);
    return DiscoveryCodec.encode(forged, ByteBufAllocator.DEFAULT);
  }

  private void receive(ByteBuf content, InetSocketAddress sender) {
    receiveOn(channel, content, sender);
  }

  private void receiveOn(EmbeddedChannel on, ByteBuf content, InetSocketAddress sender) {
    sent.add(content);
    on.writeInbound(new DatagramPacket(content, AGENT, sender));
  }

  /** Runs the check of the {@code index}th datagram read, and hands its verdict to the loop. */
  private void runCheck(int index) {
    Runnable check = checks.set(index, () -> {});
    check.run();
    channel.runPendingTasks();
  }

  private void runChecks() {
    runChecksOn(channel);
  }

  private void runChecksOn(EmbeddedChannel on) {
    for (int i = 0; i < checks.size(); i++) {
      Runnable check = checks.set(i, () -> {});
      check.run();
    }
    on.runPendingTasks();
  }
}
