package io.relayagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.testkit.FakeUpstream.Mode;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each mode does what its name says, seen through the kit's own raw client. */
class FakeUpstreamTest {

  private static final byte[] OBJECT = TestBytes.seeded(10_000, 1);

  @Test
  void answers_servesTheObjectWithEtagAndDigest_and404ForOthers() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start(Mode.ANSWERS)) {
      upstream.put("/a.bin", OBJECT);

      RawClient.Answer found = get(upstream, "/a.bin");
      RawClient.Answer missing = get(upstream, "/b.bin");

      assertThat(found.status()).isEqualTo(200);
      assertThat(found.body()).isEqualTo(OBJECT);
      assertThat(found.header("ETag")).isEqualTo(FakeUpstream.etagOf(OBJECT));
      assertThat(found.header("repr-digest"))
          .isEqualTo("sha-256=:" + TestBytes.sha256Base64(OBJECT) + ":");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(upstream.requests()).isEqualTo(2);
      assertThat(upstream.requests("/a.bin")).isEqualTo(1);
    }
  }

  @Test
  void answers_matchingIfNoneMatch_gets304AndIsRecorded() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start(Mode.ANSWERS);
        RawClient client = RawClient.plain(upstream.port())) {
      upstream.put("/a.bin", OBJECT);

      RawClient.Answer answer =
          client.get("/a.bin", "If-None-Match: " + FakeUpstream.etagOf(OBJECT));

      assertThat(answer.status()).isEqualTo(304);
      assertThat(upstream.conditionalRequests()).containsExactly("/a.bin");
    }
  }

  @Test
  void refuses_connectionIsRefused_andThePortStaysBound() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start(Mode.REFUSES)) {
      assertThatThrownBy(() -> RawClient.plain(upstream.port()))
          .isInstanceOf(ConnectException.class);
      assertThatThrownBy(() -> new java.net.ServerSocket(upstream.port()).close())
          .as("nobody else can take the port meanwhile")
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void hangs_acceptsAndNeverAnswersWhateverComes() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start(Mode.HANGS);
        RawClient client = RawClient.plain(upstream.port())) {
      client.timeout(Duration.ofMillis(300)).send(new byte[] {0x16, 0x03, 0x01, 0, 5});

      assertThat(client.closedByPeer()).as("silent, not closed").isFalse();
      assertThat(upstream.accepted()).isEqualTo(1);
    }
  }

  @Test
  void hangs_perPath_readsTheRequestAndNeverAnswers() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start(Mode.ANSWERS);
        RawClient client = RawClient.plain(upstream.port())) {
      upstream.put("/a.bin", OBJECT);
      upstream.mode("/a.bin", Mode.HANGS);

      client.timeout(Duration.ofMillis(300)).request("GET", "/a.bin");

      assertThat(client.closedByPeer()).as("silent, not closed").isFalse();
      assertThat(upstream.requests("/a.bin")).isEqualTo(1);
    }
  }

  @Test
  void dropsMidBody_perPath_halfTheBodyThenTheEnd() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start(Mode.ANSWERS);
        RawClient client = RawClient.plain(upstream.port())) {
      upstream.put("/a.bin", OBJECT);
      upstream.mode("/a.bin", Mode.DROPS_MID_BODY);

      assertThatThrownBy(() -> client.get("/a.bin"))
          .isInstanceOf(IOException.class)
          .hasMessage("the connection ended after 5000 of 10000 bytes");
    }
  }

  @Test
  void stallsMidBody_sendsAQuarterThenNothing() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start(Mode.STALLS_MID_BODY);
        RawClient client = RawClient.plain(upstream.port())) {
      upstream.put("/a.bin", OBJECT);
      client.timeout(Duration.ofMillis(300)).request("GET", "/a.bin");

      assertThatThrownBy(client::readAnswer).isInstanceOf(java.net.SocketTimeoutException.class);
    }
  }

  @Test
  void modePerPath_onAStreamFake_isRefused() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start(Mode.ECHO)) {
      assertThatThrownBy(() -> upstream.mode("/a", Mode.HANGS))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ECHO");
    }
  }

  @Test
  void echo_writesBackWhatItReads_andCounts() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start(Mode.ECHO);
        RawClient client = RawClient.plain(upstream.address())) {
      client.send("ping");

      assertThat(new String(client.readExactly(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
      assertThat(upstream.accepted()).isEqualTo(1);
      assertThat(upstream.bytesRead()).isEqualTo(4);
    }
  }

  @Test
  void source_sendsTheAnnouncedBytes_whoseDigestIsKnown() throws Exception {
    long size = 200_000;
    try (FakeUpstream upstream = FakeUpstream.startSource(size);
        RawClient client = RawClient.plain(upstream.port())) {
      byte[] all = client.in().readAllBytes();

      assertThat(all).hasSize((int) size);
      assertThat(TestBytes.sha256Hex(all)).isEqualTo(FakeUpstream.sourceDigest(size));
    }
  }

  @Test
  void sink_answersTheDigestOfWhatItRead() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start(Mode.SINK);
        RawClient client = RawClient.plain(upstream.port())) {
      client.send("some bytes").shutdownOutput();

      assertThat(client.readToEnd())
          .isEqualTo(TestBytes.sha256Hex("some bytes".getBytes(StandardCharsets.US_ASCII)));
    }
  }

  @Test
  void closesAtOnce_theClientSeesTheEnd() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start(Mode.CLOSES_AT_ONCE);
        RawClient client = RawClient.plain(upstream.port())) {
      assertThat(client.closedByPeer()).isTrue();
    }
  }

  private static RawClient.Answer get(FakeUpstream upstream, String path) throws IOException {
    try (RawClient client = RawClient.plain(upstream.port())) {
      return client.get(path);
    }
  }
}
