package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.relayagent.config.DiscoveryAnswerPolicy;
import io.relayagent.sitelist.HostPort;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real relays and a real agent on loopback: requests go to 127.255.255.255, which reaches every
 * responder bound to the port with SO_REUSEADDR, and nothing leaves the machine.
 */
class DiscoveryLoopbackTest {

  private static final InetAddress WILDCARD = address("0.0.0.0");
  private static final RelayStatus SERVING =
      new RelayStatus(true, 0, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL);

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final List<AutoCloseable> toClose = new ArrayList<>();
  @TempDir Path dir;
  private DiscoveryTrust pki;
  private int port;

  @BeforeEach
  void organisation() throws Exception {
    pki = new DiscoveryTrust(dir.resolve("org"), "Org CA");
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void discover_threeRelays_allAnswerOnceAndTheFirstIsReportedAtOnce() throws Exception {
    startRelay(pki.signer("relay-a"), () -> SERVING);
    startRelay(pki.signer("relay-b"), () -> SERVING);
    startRelay(pki.signer("relay-c"), () -> SERVING);
    AtomicReference<KnownRelay> first = new AtomicReference<>();

    DiscoveryRound round =
        client(pki.authenticator())
            .discover(
                targets(),
                Duration.ofMillis(300),
                Duration.ofSeconds(2),
                r -> first.compareAndSet(null, r))
            .get(5, TimeUnit.SECONDS);

    assertThat(round.relays())
        .extracting(KnownRelay::relayId)
        .containsExactlyInAnyOrder("relay-a", "relay-b", "relay-c");
    assertThat(first.get()).isEqualTo(round.relays().get(0));
    assertThat(round.firstOfferAfter()).isNotNull().isLessThan(Duration.ofSeconds(1));
    assertThat(round.relays().get(0).tunnelAddress().getPort()).isEqualTo(8443);
    assertThat(round.relays().get(0).tunnelAddress().getAddress().isLoopbackAddress()).isTrue();
    assertThat(round.dropped()).isZero();
  }

  @Test
  void discover_clientKeptReady_everyRoundStillSendsFromASocketOfItsOwn() throws Exception {
    startRelay(pki.signer("relay-a"), () -> SERVING);
    try (DatagramSocket listener = new DatagramSocket(0, address("127.0.0.1"))) {
      listener.setSoTimeout(5000);
      DiscoveryClient client = client(pki.authenticator()).keepingASocketReady();
      toClose.add(client);
      Set<Integer> sourcePorts = new HashSet<>();
      for (int round = 0; round < 3; round++) {
        DiscoveryRound answered =
            client
                .discover(
                    List.of(
                        new InetSocketAddress("127.255.255.255", port),
                        new InetSocketAddress("127.0.0.1", listener.getLocalPort())),
                    Duration.ofMillis(50),
                    Duration.ofSeconds(2),
                    r -> {})
                .get(5, TimeUnit.SECONDS);
        assertThat(answered.relays()).extracting(KnownRelay::relayId).containsExactly("relay-a");
        DatagramPacket request = new DatagramPacket(new byte[2048], 2048);
        listener.receive(request);
        sourcePorts.add(request.getPort());
      }

      assertThat(sourcePorts).as("a fresh socket for each round").hasSize(3);
    }
  }

  @Test
  void discover_targetsFoundWhileTheRoundRuns_getTheRequestToo() throws Exception {
    startRelay(pki.signer("relay-a"), () -> SERVING);
    CompletableFuture<List<InetSocketAddress>> freshLook = new CompletableFuture<>();
    try (DatagramSocket noRelay = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      noRelay.setSoTimeout(5000);
      // The last look knew only a host where no relay listens; the fresh one finds the relay.
      var pending =
          client(pki.authenticator())
              .discover(
                  List.of((InetSocketAddress) noRelay.getLocalSocketAddress()),
                  freshLook,
                  Duration.ofMillis(200),
                  Duration.ofSeconds(10), // the first test of a loaded machine's fresh JVM
                  r -> {});
      assertThat(receive(noRelay)).as("the request went out before the fresh look").isNotNull();
      freshLook.complete(targets());
      DiscoveryRound round = pending.get(15, TimeUnit.SECONDS);

      assertThat(round.relays()).extracting(KnownRelay::relayId).containsExactly("relay-a");
      noRelay.setSoTimeout(300);
      assertThat(receive(noRelay)).as("sent once to each target").isNull();
    }
  }

  @Test
  void discover_threeRelaysOfDifferentLoad_theLeastLoadedAnswersFirst() throws Exception {
    // 600 ms at full load: the relays' answers leave about 60, 300 and 540 ms after the request,
    // far enough apart for a loaded test machine to keep their order.
    DiscoveryAnswerPolicy answers =
        new DiscoveryAnswerPolicy(Duration.ofMillis(600), 80, true, false);
    startRelay(pki.signer("relay-busiest"), () -> loaded(900), answers);
    startRelay(pki.signer("relay-idlest"), () -> loaded(100), answers);
    startRelay(pki.signer("relay-middle"), () -> loaded(500), answers);
    AtomicReference<KnownRelay> first = new AtomicReference<>();

    DiscoveryRound round =
        client(pki.authenticator())
            .discover(
                targets(),
                Duration.ofMillis(1500),
                Duration.ofSeconds(3),
                r -> first.compareAndSet(null, r))
            .get(10, TimeUnit.SECONDS);

    assertThat(first.get().relayId()).isEqualTo("relay-idlest");
    assertThat(round.relays())
        .extracting(KnownRelay::relayId)
        .containsExactly("relay-idlest", "relay-middle", "relay-busiest");
    assertThat(round.relays()).extracting(KnownRelay::load).containsExactly(100, 500, 900);
  }

  @Test
  void discover_busyRelay_staysSilentUnlessAllowedToAnswerLast() throws Exception {
    // 1 s at full load: the relay at half its capacity answers after 500 ms, the busy one that
    // may answer after more than 1 s.
    DiscoveryAnswerPolicy silent =
        new DiscoveryAnswerPolicy(Duration.ofMillis(1000), 80, true, false);
    DiscoveryAnswerPolicy last = new DiscoveryAnswerPolicy(Duration.ofMillis(1000), 80, true, true);
    startRelay(
        pki.signer("relay-on-battery"), () -> busy(DiscoveryProtocol.BUSY_ON_BATTERY), silent);
    startRelay(pki.signer("relay-hot"), () -> busy(DiscoveryProtocol.BUSY_CPU), last);
    startRelay(pki.signer("relay-ok"), () -> loaded(512), silent);

    DiscoveryRound round =
        client(pki.authenticator())
            .discover(targets(), Duration.ofMillis(2000), Duration.ofSeconds(3), r -> {})
            .get(10, TimeUnit.SECONDS);

    assertThat(round.relays())
        .as("a relay at half its capacity answers before the busy one")
        .extracting(KnownRelay::relayId)
        .containsExactly("relay-ok", "relay-hot");
  }

  private static RelayStatus loaded(int tunnels) {
    return new RelayStatus(true, tunnels, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL);
  }

  private static RelayStatus busy(int bits) {
    return new RelayStatus(true, 0, 0, 0, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL, bits);
  }

  @Test
  void discover_relayOfAForeignCa_isDropped() throws Exception {
    startRelay(pki.signer("relay-a"), () -> SERVING);
    startRelay(
        new DiscoveryTrust(dir.resolve("other"), "Someone else's CA").signer("relay-evil"),
        () -> SERVING);

    DiscoveryRound round = discoverOnce();

    assertThat(round.relays()).extracting(KnownRelay::relayId).containsExactly("relay-a");
    assertThat(round.dropped()).isEqualTo(1);
  }

  @Test
  void discover_relayWithAnExpiredCertificate_isDropped() throws Exception {
    startRelay(pki.expiredSigner("relay-old"), () -> SERVING);
    startRelay(pki.signer("relay-a"), () -> SERVING);

    DiscoveryRound round = discoverOnce();

    assertThat(round.relays()).extracting(KnownRelay::relayId).containsExactly("relay-a");
  }

  @Test
  void discover_relayThatCannotReachUpstreamOrIsFull_staysSilent() throws Exception {
    startRelay(pki.signer("relay-cut"), () -> new RelayStatus(false, 0, 1024, 1));
    startRelay(pki.signer("relay-full"), () -> new RelayStatus(true, 1024, 1024, 1));
    startRelay(pki.signer("relay-ok"), () -> SERVING);

    DiscoveryRound round = discoverOnce();

    assertThat(round.relays()).extracting(KnownRelay::relayId).containsExactly("relay-ok");
    assertThat(round.dropped()).isZero();
  }

  @Test
  void discover_noRelay_endsAtTheTimeoutWithNothing() throws Exception {
    startRelay(pki.signer("relay-cut"), () -> new RelayStatus(false, 0, 1, 1));
    long start = System.nanoTime();

    DiscoveryRound round =
        client(pki.authenticator())
            .discover(targets(), Duration.ofMillis(100), Duration.ofMillis(400), r -> {})
            .get(5, TimeUnit.SECONDS);

    assertThat(round.relays()).isEmpty();
    assertThat(round.firstOfferAfter()).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void discover_noRelay_theRoundSaysWhereItsRequestWent() throws Exception {
    DiscoveryRound round =
        client(pki.authenticator())
            .discover(targets(), Duration.ofMillis(100), Duration.ofMillis(300), r -> {})
            .get(5, TimeUnit.SECONDS);

    assertThat(round.relays()).isEmpty();
    assertThat(round.targets()).containsExactlyElementsOf(targets());
    assertThat(DiscoveryTargets.interfaceOf(round.targets().get(0).getAddress()))
        .as("127.255.255.255 is the loopback interface's broadcast")
        .hasValueSatisfying(name -> assertThat(name).isNotBlank());
  }

  @Test
  void responder_unpaddedRequest_isNotAnswered_paddedOneIs() throws Exception {
    startRelay(pki.signer("relay-a"), () -> SERVING);
    byte[] padded =
        DiscoveryCodecTest.encode(new DiscoveryRequest(DiscoveryCodecTest.NONCE, "agent"));
    byte[] unpadded = java.util.Arrays.copyOf(padded, 64);
    unpadded[6] = 0;
    unpadded[7] = 64; // the header's length says 64 bytes: a well-formed but short request

    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      socket.setSoTimeout(500);
      socket.send(
          new DatagramPacket(unpadded, unpadded.length, new InetSocketAddress("127.0.0.1", port)));
      assertThat(receive(socket)).as("no answer to an unpadded request").isNull();

      socket.send(
          new DatagramPacket(padded, padded.length, new InetSocketAddress("127.0.0.1", port)));
      byte[] answer = receive(socket);
      assertThat(answer).isNotNull();
      assertThat(answer.length).isLessThanOrEqualTo(padded.length);
      assertThat(DiscoveryCodecTest.decode(answer)).isInstanceOf(RelayOffer.class);
    }
  }

  @Test
  void responder_manyRequestsFromOneSource_areRateLimited() throws Exception {
    startRelay(pki.signer("relay-a"), () -> SERVING);
    byte[] request =
        DiscoveryCodecTest.encode(new DiscoveryRequest(DiscoveryCodecTest.NONCE, "agent"));

    int answers = 0;
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      socket.setSoTimeout(300);
      for (int i = 0; i < 40; i++) {
        socket.send(
            new DatagramPacket(request, request.length, new InetSocketAddress("127.0.0.1", port)));
      }
      while (receive(socket) != null) {
        answers++;
      }
    }

    assertThat(answers).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(9);
  }

  @Test
  void client_forgedOffers_areDropped_genuineOneKept() throws Exception {
    TrustOfferSigner genuine = pki.signer("relay-a");
    List<KnownRelay> seen = new CopyOnWriteArrayList<>();
    try (DatagramSocket fakeRelay = new DatagramSocket(null)) {
      fakeRelay.setReuseAddress(true);
      fakeRelay.bind(new InetSocketAddress(WILDCARD, 0));
      port = fakeRelay.getLocalPort();
      var pending =
          client(pki.authenticator())
              .discover(targets(), Duration.ofMillis(500), Duration.ofSeconds(3), seen::add);
      DatagramPacket request = new DatagramPacket(new byte[2048], 2048);
      fakeRelay.setSoTimeout(3000);
      fakeRelay.receive(request);
      byte[] nonce =
          ((DiscoveryRequest)
                  DiscoveryCodecTest.decode(
                      java.util.Arrays.copyOf(request.getData(), request.getLength())))
              .nonce();
      OfferFactory honest =
          new OfferFactory("relay-a", 8443, genuine, List::<HostPort>of, Clock.systemUTC());
      RelayOffer good = honest.create(nonce, SERVING, DiscoveryProtocol.REQUEST_BYTES);

      byte[] wrongNonce = new byte[16];
      send(fakeRelay, request, honest.create(wrongNonce, SERVING, DiscoveryProtocol.REQUEST_BYTES));
      send(fakeRelay, request, good.withSignature(new byte[0]));
      send(fakeRelay, request, good.withSignature(genuine.sign(new byte[] {1, 2, 3})));
      OfferFactory stale =
          new OfferFactory(
              "relay-a",
              8443,
              genuine,
              List::<HostPort>of,
              Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5)));
      send(fakeRelay, request, stale.create(nonce, SERVING, DiscoveryProtocol.REQUEST_BYTES));
      OfferFactory impostor =
          new OfferFactory("relay-b", 8443, genuine, List::<HostPort>of, Clock.systemUTC());
      send(fakeRelay, request, impostor.create(nonce, SERVING, DiscoveryProtocol.REQUEST_BYTES));
      send(fakeRelay, request, good);
      send(fakeRelay, request, good); // replayed within the round

      DiscoveryRound round = pending.get(5, TimeUnit.SECONDS);

      assertThat(round.relays()).extracting(KnownRelay::relayId).containsExactly("relay-a");
      assertThat(round.dropped()).isEqualTo(6);
      assertThat(seen).hasSize(1);
    }
  }

  @Test
  void discover_slowFirstCheck_keepsArrivalOrderAndRoundTripsOverBothFamilies() throws Exception {
    OfferAuthenticator genuine = pki.authenticator();
    AtomicBoolean first = new AtomicBoolean(true);
    OfferAuthenticator slowFirst =
        (offer, signed) -> {
          if (first.getAndSet(false)) {
            sleep(Duration.ofMillis(600)); // a fresh JVM's first check, and then some
          }
          genuine.authenticate(offer, signed);
        };
    List<String> relayIds = List.of("relay-a", "relay-b", "relay-c", "relay-d");
    List<TrustOfferSigner> signers = new ArrayList<>();
    for (String relayId : relayIds) {
      signers.add(pki.signer(relayId));
    }
    try (DatagramSocket overIpv4 = new DatagramSocket(null);
        DatagramSocket overIpv6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
      overIpv4.setReuseAddress(true);
      overIpv4.bind(new InetSocketAddress(WILDCARD, 0));
      port = overIpv4.getLocalPort();
      var pending =
          client(slowFirst)
              .discover(targets(), Duration.ofMillis(300), Duration.ofSeconds(3), r -> {});
      DatagramPacket request = new DatagramPacket(new byte[2048], 2048);
      overIpv4.setSoTimeout(3000);
      overIpv4.receive(request);
      long requestRead = System.nanoTime();
      byte[] nonce =
          ((DiscoveryRequest)
                  DiscoveryCodecTest.decode(
                      java.util.Arrays.copyOf(request.getData(), request.getLength())))
              .nonce();
      InetSocketAddress agentOverIpv6 = new InetSocketAddress("::1", request.getPort());
      // Relays a and c answer over IPv4, b and d over IPv6, 30 ms apart, in that order.
      List<Long> sentAfterRequest = new ArrayList<>();
      for (int i = 0; i < relayIds.size(); i++) {
        byte[] offer =
            DiscoveryCodecTest.encode(
                new OfferFactory(
                        relayIds.get(i),
                        8443,
                        signers.get(i),
                        List::<HostPort>of,
                        Clock.systemUTC())
                    .create(nonce, SERVING, DiscoveryProtocol.REQUEST_BYTES));
        sentAfterRequest.add(System.nanoTime() - requestRead);
        if (i % 2 == 0) {
          overIpv4.send(new DatagramPacket(offer, offer.length, request.getSocketAddress()));
        } else {
          overIpv6.send(new DatagramPacket(offer, offer.length, agentOverIpv6));
        }
        sleep(Duration.ofMillis(30));
      }

      DiscoveryRound round = pending.get(5, TimeUnit.SECONDS);

      assertThat(round.relays())
          .extracting(KnownRelay::relayId)
          .as("the order they were sent in, IPv4 and IPv6 together")
          .containsExactlyElementsOf(relayIds);
      for (int i = 0; i < relayIds.size(); i++) {
        Duration onTheWire = Duration.ofNanos(sentAfterRequest.get(i));
        assertThat(round.relays().get(i).roundTrip())
            .as(
                "%s: from sending the request to reading the offer, not to checking it",
                relayIds.get(i))
            .isGreaterThanOrEqualTo(onTheWire)
            .isLessThan(onTheWire.plusMillis(250));
      }
      assertThat(round.relays().get(1).tunnelAddress().getAddress().getHostAddress())
          .isIn("::1", "0:0:0:0:0:0:0:1");
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void send(DatagramSocket from, DatagramPacket request, RelayOffer offer)
      throws Exception {
    byte[] bytes = DiscoveryCodecTest.encode(offer);
    from.send(new DatagramPacket(bytes, bytes.length, request.getSocketAddress()));
  }

  private DiscoveryRound discoverOnce() throws Exception {
    return client(pki.authenticator())
        .discover(targets(), Duration.ofMillis(300), Duration.ofSeconds(2), r -> {})
        .get(5, TimeUnit.SECONDS);
  }

  private DiscoveryClient client(OfferAuthenticator authenticator) {
    OfferVerifier verifier = new OfferVerifier(authenticator);
    toClose.add(verifier);
    return new DiscoveryClient(group, "agent-1", verifier, Clock.systemUTC(), null);
  }

  private List<InetSocketAddress> targets() {
    return List.of(new InetSocketAddress("127.255.255.255", port));
  }

  private void startRelay(OfferSigner signer, Supplier<RelayStatus> status) throws Exception {
    startRelay(signer, status, DiscoveryAnswerPolicy.defaults());
  }

  private void startRelay(
      OfferSigner signer, Supplier<RelayStatus> status, DiscoveryAnswerPolicy answers)
      throws Exception {
    String relayId = ((TrustOfferSigner) signer).relayId();
    DiscoveryResponder responder =
        DiscoveryResponder.start(
            group,
            new DiscoveryResponder.Settings(WILDCARD, port, null, relayId, 8443),
            signer,
            status,
            () -> answers,
            () -> List.of(new HostPort("epo.example.com", 443)),
            Clock.systemUTC());
    port = responder.localAddress().getPort();
    toClose.add(responder);
  }

  private static byte[] receive(DatagramSocket socket) throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
    try {
      socket.receive(packet);
      return java.util.Arrays.copyOf(packet.getData(), packet.getLength());
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
