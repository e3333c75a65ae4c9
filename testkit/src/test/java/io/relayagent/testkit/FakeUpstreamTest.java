package io.relayagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.testkit.FakeUpstream.Mode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Each mode does what its name says, seen through the kit's own raw client. */
class FakeUpstreamTest {

  private static final byte[] OBJECT = TestBytes.seeded(10_000, 1);
  private static final Duration SHORT = Duration.ofMillis(300);

  @AutoClose private FakeUpstream upstream;
  @AutoClose private RawClient client;

  @Test
  void answers_servesTheObjectWithEtagAndDigest_and404ForOthers() throws Exception {
    start(Mode.ANSWERS);

    RawClient.Answer found = client.get("/a.bin");
    RawClient.Answer missing = get("/b.bin");

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body()).isEqualTo(OBJECT);
    assertThat(found.header("ETag")).isEqualTo(FakeUpstream.etagOf(OBJECT));
    assertThat(found.header("repr-digest"))
        .isEqualTo("sha-256=:" + TestBytes.sha256Base64(OBJECT) + ":");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(upstream.requests()).isEqualTo(2);
    assertThat(upstream.requests("/a.bin")).isEqualTo(1);
  }

  @Test
  void answers_matchingIfNoneMatch_gets304AndIsRecorded() throws Exception {
    start(Mode.ANSWERS);

    RawClient.Answer answer = client.get("/a.bin", "If-None-Match: " + FakeUpstream.etagOf(OBJECT));

    assertThat(answer.status()).isEqualTo(304);
    assertThat(upstream.conditionalRequests()).containsExactly("/a.bin");
  }

  @Test
  void refuses_connectionIsRefused_andThePortStaysBound() throws Exception {
    upstream = FakeUpstream.start(Mode.REFUSES);

    assertThatThrownBy(() -> RawClient.plain(upstream.port())).isInstanceOf(ConnectException.class);
    assertThatThrownBy(() -> new ServerSocket(upstream.port()).close())
        .as("nobody else can take the port meanwhile")
        .isInstanceOf(IOException.class);
  }

  @Test
  void hangs_acceptsAndNeverAnswersWhateverComes() throws Exception {
    start(Mode.HANGS);

    client.send(new byte[] {0x16, 0x03, 0x01, 0, 5});

    assertThat(client.closedByPeer()).as("silent, not closed").isFalse();
    assertThat(upstream.accepted()).isEqualTo(1);
  }

  @Test
  void hangs_perPath_readsTheRequestAndNeverAnswers() throws Exception {
    start(Mode.ANSWERS);
    upstream.mode("/a.bin", Mode.HANGS);

    client.request("GET", "/a.bin");

    assertThat(client.closedByPeer()).as("silent, not closed").isFalse();
    assertThat(upstream.requests("/a.bin")).isEqualTo(1);
  }

  @Test
  void dropsMidBody_perPath_halfTheBodyThenTheEnd() throws Exception {
    start(Mode.ANSWERS);
    upstream.mode("/a.bin", Mode.DROPS_MID_BODY);

    assertThatThrownBy(() -> client.get("/a.bin"))
        .isInstanceOf(IOException.class)
        .hasMessage("the connection ended after 5000 of 10000 bytes");
  }

  @Test
  void stallsMidBody_sendsAQuarterThenNothing() throws Exception {
    start(Mode.STALLS_MID_BODY);

    client.request("GET", "/a.bin");

    assertThatThrownBy(client::readAnswer).isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void modePerPath_onAStreamFake_isRefused() throws Exception {
    upstream = FakeUpstream.start(Mode.ECHO);

    assertThatThrownBy(() -> upstream.mode("/a", Mode.HANGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ECHO");
  }

  @Test
  void echo_writesBackWhatItReads_andCounts() throws Exception {
    start(Mode.ECHO);

    client.send("ping");

    assertThat(new String(client.readExactly(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
    assertThat(upstream.accepted()).isEqualTo(1);
    assertThat(upstream.bytesRead()).isEqualTo(4);
  }

  @Test
  void source_sendsTheAnnouncedBytes_whoseDigestIsKnown() throws Exception {
    long size = 200_000;
    upstream = FakeUpstream.startSource(size);
    client = RawClient.plain(upstream.address());

    byte[] all = client.in().readAllBytes();

    assertThat(all).hasSize((int) size);
    assertThat(TestBytes.sha256Hex(all)).isEqualTo(FakeUpstream.sourceDigest(size));
  }

  @Test
  void sink_answersTheDigestOfWhatItRead() throws Exception {
    start(Mode.SINK);

    client.send("some bytes").shutdownOutput();

    assertThat(client.readToEnd())
        .isEqualTo(TestBytes.sha256Hex("some bytes".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void closesAtOnce_theClientSeesTheEnd() throws Exception {
    start(Mode.CLOSES_AT_ONCE);

    assertThat(client.closedByPeer()).isTrue();
  }

  /** A fake in {@code mode} serving OBJECT at /a.bin, and a client connected to it. */
  private void start(Mode mode) throws IOException {
    upstream = FakeUpstream.start(mode);
    if (mode.http()) {
      upstream.put("/a.bin", OBJECT);
    }
    client = RawClient.plain(upstream.port()).timeout(SHORT);
  }

  /** One request on a connection of its own. */
  private RawClient.Answer get(String path) throws IOException {
    try (RawClient other = RawClient.plain(upstream.port())) {
      return other.get(path);
    }
  }
}
