package io.relayagent.mesh.tunnel;

import static io.relayagent.mesh.tunnel.RelayFixture.SERVER_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.testkit.FakeUpstream;
import io.relayagent.testkit.RawClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How bytes flow through an open tunnel: first bytes, backpressure, half-close, idle, close. */
class TunnelDataPathTest {

  @RegisterExtension static final LogWatch logs = new LogWatch();

  private static final long MIB = 1024 * 1024;

  @RegisterExtension static final TunnelHosts hosts = new TunnelHosts();

  @Test
  void connect_clientHelloInSamePacket_isNotDropped() throws Exception {
    try (FakeUpstream echo = FakeUpstream.start(FakeUpstream.Mode.ECHO);
        RelayFixture relay = start(echo);
        RawClient client = relay.agent()) {
      byte[] hello = clientHello();
      // One write, so one TLS record: the head and the ClientHello reach the relay together.
      client.send(concat(connect(echo).getBytes(StandardCharsets.US_ASCII), hello));
      assertThat(client.readAnswer().status()).isEqualTo(200);
      assertThat(client.readExactly(hello.length)).isEqualTo(hello);
    }
  }

  @Test
  void connect_clientHelloInSamePacketOnPlainListener_isNotDropped() throws Exception {
    try (FakeUpstream echo = FakeUpstream.start(FakeUpstream.Mode.ECHO);
        RelayFixture relay = start(echo, RelayFixture.plainFor("127.0.0.0/8"));
        RawClient client = RawClient.plain(relay.plain())) {
      byte[] hello = clientHello();
      client.send(concat(connect(echo).getBytes(StandardCharsets.US_ASCII), hello));
      assertThat(client.readAnswer().status()).isEqualTo(200);
      assertThat(client.readExactly(hello.length)).isEqualTo(hello);
    }
  }

  @Test
  void tunnel_slowReader_boundsRelayMemory() throws Exception {
    long size = 64 * MIB;
    try (FakeUpstream source = FakeUpstream.startSource(size);
        RelayFixture relay = start(source);
        RawClient client = relay.agent()) {
      client.send(connect(source));
      assertThat(client.readAnswer().status()).isEqualTo(200);

      // The agent reads nothing for a while: the relay must stop reading the fast upstream.
      AtomicLong maxBuffered = new AtomicLong();
      long written = awaitStalled(source::bytesWritten, relay, maxBuffered);
      assertThat(maxBuffered.get()).as("bytes the relay buffers").isLessThan(MIB);
      assertThat(written).as("bytes the upstream could write").isLessThan(size / 2);

      // Then it reads: every byte arrives, in order, and the upstream's close ends the stream.
      assertThat(digest(client.in())).isEqualTo(FakeUpstream.sourceDigest(size));
    }
  }

  @Test
  void tunnel_upstreamStopsReading_boundsRelayMemory() throws Exception {
    // Large enough that the kernel's socket buffers on the way (which loopback autotunes to a
    // few MiB each, over 20 MiB in all) cannot hold half of it: only backpressure can stop it.
    long size = 96 * MIB;
    try (FakeUpstream sink = FakeUpstream.start(FakeUpstream.Mode.SINK);
        RelayFixture relay = start(sink, RelayFixture.plainFor("127.0.0.0/8"));
        RawClient client = RawClient.plain(relay.plain())) {
      sink.sinkReading(false);
      client.send(connect(sink));
      assertThat(client.readAnswer().status()).isEqualTo(200);
      AtomicLong sent = new AtomicLong();
      MessageDigest expected = MessageDigest.getInstance("SHA-256");
      CompletableFuture<Void> upload =
          CompletableFuture.runAsync(() -> upload(client.out(), size, sent, expected));

      AtomicLong maxBuffered = new AtomicLong();
      long stalledAt = awaitStalled(sent::get, relay, maxBuffered);
      assertThat(maxBuffered.get()).as("bytes the relay buffers").isLessThan(MIB);
      assertThat(stalledAt).as("bytes the agent could send").isLessThan(size / 2);

      sink.sinkReading(true);
      upload.get(30, TimeUnit.SECONDS);
      // The agent's half-close reaches the upstream only after every byte, and its answer returns.
      client.shutdownOutput();
      assertThat(client.readToEnd()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
    }
  }

  @Test
  void tunnel_agentHalfClose_upstreamAnswerStillArrives() throws Exception {
    try (FakeUpstream sink = FakeUpstream.start(FakeUpstream.Mode.SINK);
        RelayFixture relay = start(sink, RelayFixture.plainFor("127.0.0.0/8"));
        RawClient client = RawClient.plain(relay.plain())) {
      client.send(connect(sink));
      assertThat(client.readAnswer().status()).isEqualTo(200);
      client.send("one-way request");
      client.shutdownOutput();
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest("one-way request".getBytes(StandardCharsets.US_ASCII));
      assertThat(client.readToEnd()).isEqualTo(HexFormat.of().formatHex(hash));
    }
  }

  @Test
  void tunnel_idle_isClosedAfterIdleTimeout() throws Exception {
    try (FakeUpstream echo = FakeUpstream.start(FakeUpstream.Mode.ECHO);
        RelayFixture relay =
            RelayFixture.start(
                hosts.pki(),
                RelayFixture.settings().withIdleTimeout(Duration.ofSeconds(1)),
                null,
                SERVER_NAME + ":" + echo.port());
        RawClient client = relay.agent()) {
      client.send(connect(echo));
      assertThat(client.readAnswer().status()).isEqualTo(200);
      client.send("x");
      client.readExactly(1);
      long start = System.nanoTime();
      assertThat(client.closedByPeer()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(800), Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(5)).until(() -> echo.finished() == 1);
      assertThat(relay.server.load()).isZero();
    }
  }

  @Test
  void tunnel_agentCloses_closesUpstream() throws Exception {
    try (FakeUpstream echo = FakeUpstream.start(FakeUpstream.Mode.ECHO);
        RelayFixture relay = start(echo)) {
      try (RawClient client = relay.agent()) {
        client.send(connect(echo));
        assertThat(client.readAnswer().status()).isEqualTo(200);
        await().until(() -> echo.accepted() == 1);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> echo.finished() == 1);
      await().atMost(Duration.ofSeconds(5)).until(() -> relay.server.load() == 0);
    }
  }

  @Test
  void tunnel_upstreamCloses_agentGetsEverythingThenEnd() throws Exception {
    try (FakeUpstream source = FakeUpstream.startSource(3 * MIB + 17);
        RelayFixture relay = start(source);
        RawClient client = relay.agent()) {
      client.send(connect(source));
      assertThat(client.readAnswer().status()).isEqualTo(200);
      assertThat(digest(client.in())).isEqualTo(FakeUpstream.sourceDigest(3 * MIB + 17));
    }
  }

  /**
   * Waits until {@code progress} has not moved for half a second (backpressure reached every buffer
   * on the way) and returns where it stopped; meanwhile records the most the relay buffered.
   */
  private static long awaitStalled(
      LongSupplier progress, RelayFixture relay, AtomicLong maxBuffered) {
    AtomicLong last = new AtomicLong(-1);
    await("progress stops for half a second")
        .atMost(Duration.ofSeconds(20))
        .during(Duration.ofMillis(500))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              maxBuffered.accumulateAndGet(relay.server.bufferedBytes(), Math::max);
              long now = progress.getAsLong();
              return last.getAndSet(now) == now;
            });
    return last.get();
  }

  static RelayFixture start(FakeUpstream upstream) throws Exception {
    return RelayFixture.start(
        hosts.pki(), RelayFixture.settings(), null, SERVER_NAME + ":" + upstream.port());
  }

  static RelayFixture start(FakeUpstream upstream, io.relayagent.config.PlainProxyPolicy plain)
      throws Exception {
    return RelayFixture.start(
        hosts.pki(),
        RelayFixture.settings().withPlainProxy(plain),
        null,
        SERVER_NAME + ":" + upstream.port());
  }

  static String connect(FakeUpstream upstream) {
    String target = SERVER_NAME + ":" + upstream.port();
    return "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n";
  }

  /** A real TLS ClientHello, as an agent sends it right after its CONNECT. */
  static byte[] clientHello() throws Exception {
    SSLEngine engine = SSLContext.getDefault().createSSLEngine(SERVER_NAME, 443);
    engine.setUseClientMode(true);
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), out);
    out.flip();
    byte[] hello = new byte[out.remaining()];
    out.get(hello);
    return hello;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static String digest(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void upload(OutputStream out, long size, AtomicLong sent, MessageDigest digest) {
    Random random = new Random(7);
    byte[] chunk = new byte[64 * 1024];
    try {
      for (long left = size; left > 0; left -= chunk.length) {
        random.nextBytes(chunk);
        int n = (int) Math.min(chunk.length, left);
        digest.update(chunk, 0, n);
        out.write(chunk, 0, n);
        sent.addAndGet(n);
      }
      out.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
