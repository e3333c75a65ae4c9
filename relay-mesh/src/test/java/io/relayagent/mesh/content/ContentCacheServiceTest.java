package io.relayagent.mesh.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.testkit.FakeUpstream.Mode;
import io.relayagent.testkit.RawClient;
import io.relayagent.testkit.RawClient.Answer;
import io.relayagent.testkit.TestBytes;
import io.relayagent.trust.JdkClientTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The content protocol as an agent sees it: a relay listener with TLS and Netty's HTTP codec in
 * front of {@link ContentCacheService}, a real HTTPS upstream behind it.
 */
class ContentCacheServiceTest {

  private static final byte[] OBJECT = TestBytes.seeded(100_000, 42);
  private static final String OBJECT_URL = "/content/Repo/Current/avvdat-10000.zip";

  @TempDir Path temp;
  private ContentFixture fixture;
  private ContentCache cache;
  private TestRelay relay;
  private JdkClientTls agentTls;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new ContentFixture(temp.resolve("cache"));
    fixture.publish("Current/avvdat-10000.zip", OBJECT);
    cache = fixture.openCache(8L << 20);
    relay = new TestRelay(new ContentCacheService(cache), fixture.relayMaterial());
    agentTls = fixture.agentTls();
  }

  @AfterEach
  void tearDown() throws IOException {
    relay.close();
    cache.close();
    fixture.close();
  }

  private RawClient connect() throws IOException {
    return RawClient.tls(
        agentTls.context().getSocketFactory(),
        agentTls.parameters(),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.port()));
  }

  @Test
  void get_concurrentRequests_fetchUpstreamOnce() throws Exception {
    byte[] big = TestBytes.seeded(1_000_000, 7);
    fixture.publish("Current/big.zip", big);
    fixture.upstream.mode(ContentFixture.REPO_PREFIX + "Current/big.zip", Mode.SLOW);
    HttpClient agents =
        HttpClient.newBuilder()
            .sslContext(agentTls.context())
            .sslParameters(agentTls.parameters())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + relay.port() + "/content/Repo/Current/big.zip"))
            .timeout(Duration.ofSeconds(30))
            .build();

    List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      responses.add(agents.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
    }

    String digest = "sha-256=:" + TestBytes.sha256Base64(big) + ":";
    for (CompletableFuture<HttpResponse<byte[]>> future : responses) {
      HttpResponse<byte[]> response = future.get(30, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Repr-Digest")).hasValue(digest);
      assertThat(TestBytes.sha256Base64(response.body())).isEqualTo(TestBytes.sha256Base64(big));
    }
    assertThat(fixture.upstreamRequests("Current/big.zip")).isEqualTo(1);
  }

  @Test
  void counters_twoGetsAndARange_countOneMissTwoHitsAndTheBandwidthSaved() throws Exception {
    try (RawClient agent = connect()) {
      assertThat(agent.get(OBJECT_URL).status()).isEqualTo(200);
      assertThat(agent.get(OBJECT_URL).status()).isEqualTo(200);
      assertThat(agent.get(OBJECT_URL, "Range: bytes=0-999").status()).isEqualTo(206);
    }

    ContentCounters counters = cache.counters();
    assertThat(counters.misses()).isEqualTo(1);
    assertThat(counters.hits()).isEqualTo(2);
    assertThat(counters.bytesFetched()).isEqualTo(OBJECT.length);
    // Counted once the body is written, which the event loop learns just after the agent has it.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(counters.bytesServed()).isEqualTo(2L * OBJECT.length + 1000));
    assertThat(counters.bandwidthSaved()).isEqualTo(OBJECT.length + 1000L);
    assertThat(fixture.upstreamRequests("Current/avvdat-10000.zip")).isEqualTo(1);
  }

  @Test
  void get_wholeObject_carriesLengthDigestAndRangeSupport() throws Exception {
    try (RawClient agent = connect()) {
      Answer response = agent.get(OBJECT_URL);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(OBJECT);
      assertThat(response.header("Content-Length")).isEqualTo("100000");
      assertThat(response.header("Repr-Digest"))
          .isEqualTo("sha-256=:" + TestBytes.sha256Base64(OBJECT) + ":");
      assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
      assertThat(response.header("ETag")).startsWith("\"");
      assertThat(response.header("Content-Type")).isEqualTo("application/x-test");
    }
  }

  @Test
  void head_sendsHeadersOnly() throws Exception {
    try (RawClient agent = connect()) {
      agent.request("HEAD", OBJECT_URL);
      Answer head = agent.readAnswer(true);
      // Had the HEAD answer carried a body, this second answer would be read from its bytes.
      Answer next = agent.get(OBJECT_URL, "Range: bytes=0-9");

      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).isEqualTo("100000");
      assertThat(head.header("Repr-Digest"))
          .isEqualTo("sha-256=:" + TestBytes.sha256Base64(OBJECT) + ":");
      assertThat(next.status()).isEqualTo(206);
      assertThat(next.body()).isEqualTo(Arrays.copyOfRange(OBJECT, 0, 10));
    }
  }

  @Test
  void range_firstToLast_answers206WithContentRange() throws Exception {
    try (RawClient agent = connect()) {
      Answer response = agent.get(OBJECT_URL, "Range: bytes=1000-1999");

      assertThat(response.status()).isEqualTo(206);
      assertThat(response.header("Content-Range")).isEqualTo("bytes 1000-1999/100000");
      assertThat(response.header("Content-Length")).isEqualTo("1000");
      assertThat(response.body()).isEqualTo(Arrays.copyOfRange(OBJECT, 1000, 2000));
      assertThat(response.header("Repr-Digest"))
          .isEqualTo("sha-256=:" + TestBytes.sha256Base64(OBJECT) + ":");
    }
  }

  @Test
  void range_openEndedAndSuffix_answer206() throws Exception {
    try (RawClient agent = connect()) {
      Answer resume = agent.get(OBJECT_URL, "Range: bytes=60000-");
      Answer suffix = agent.get(OBJECT_URL, "Range: bytes=-500");
      Answer longSuffix = agent.get(OBJECT_URL, "Range: bytes=-200000");
      Answer pastEnd = agent.get(OBJECT_URL, "Range: bytes=99990-200000");

      assertThat(resume.status()).isEqualTo(206);
      assertThat(resume.header("Content-Range")).isEqualTo("bytes 60000-99999/100000");
      assertThat(resume.body()).isEqualTo(Arrays.copyOfRange(OBJECT, 60000, 100000));
      assertThat(suffix.header("Content-Range")).isEqualTo("bytes 99500-99999/100000");
      assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(OBJECT, 99500, 100000));
      assertThat(longSuffix.header("Content-Range")).isEqualTo("bytes 0-99999/100000");
      assertThat(longSuffix.body()).isEqualTo(OBJECT);
      assertThat(pastEnd.header("Content-Range")).isEqualTo("bytes 99990-99999/100000");
    }
  }

  @Test
  void range_beyondEnd_answers416() throws Exception {
    try (RawClient agent = connect()) {
      Answer response = agent.get(OBJECT_URL, "Range: bytes=100000-");
      Answer zeroSuffix = agent.get(OBJECT_URL, "Range: bytes=-0");

      assertThat(response.status()).isEqualTo(416);
      assertThat(response.header("Content-Range")).isEqualTo("bytes */100000");
      assertThat(response.body()).isEmpty();
      assertThat(zeroSuffix.status()).isEqualTo(416);
    }
  }

  @Test
  void range_severalRangesOrBadSyntax_answerWholeObject() throws Exception {
    try (RawClient agent = connect()) {
      for (String range : List.of("bytes=0-9,20-29", "bytes=9-0", "items=0-9", "bytes=a-b")) {
        Answer response = agent.get(OBJECT_URL, "Range: " + range);

        assertThat(response.status()).as(range).isEqualTo(200);
        assertThat(response.body()).as(range).isEqualTo(OBJECT);
      }
    }
  }

  @Test
  void range_ifRange_honouredOnlyForTheSameObject() throws Exception {
    try (RawClient agent = connect()) {
      String etag = agent.get(OBJECT_URL).header("ETag");

      Answer same = agent.get(OBJECT_URL, "Range: bytes=10-19", "If-Range: " + etag);
      Answer other = agent.get(OBJECT_URL, "Range: bytes=10-19", "If-Range: \"other\"");

      assertThat(same.status()).isEqualTo(206);
      assertThat(other.status()).isEqualTo(200);
      assertThat(other.body()).isEqualTo(OBJECT);
    }
  }

  @Test
  void keepAlive_severalRequestsOnOneConnection() throws Exception {
    try (RawClient agent = connect()) {
      assertThat(agent.get(OBJECT_URL).status()).isEqualTo(200);
      assertThat(agent.get("/content/Nope/x").status()).isEqualTo(404);
      assertThat(agent.get("/content/Repo/../x").status()).isEqualTo(400);

      // Pipelined: three heads at once, answered in order.
      agent.request("GET", OBJECT_URL, "Range: bytes=0-0");
      agent.request("GET", "/content/Repo/Current/missing.zip");
      agent.request("GET", OBJECT_URL, "Range: bytes=1-1");

      assertThat(agent.readAnswer(false).body()).containsExactly(OBJECT[0]);
      assertThat(agent.readAnswer(false).status()).isEqualTo(404);
      assertThat(agent.readAnswer(false).body()).containsExactly(OBJECT[1]);
    }
    assertThat(fixture.upstreamRequests("Current/avvdat-10000.zip")).isEqualTo(1);
  }

  @Test
  void connectionClose_isHonoured() throws Exception {
    try (RawClient agent = connect()) {
      Answer response = agent.get(OBJECT_URL, "Connection: close");

      assertThat(response.body()).isEqualTo(OBJECT);
      assertThat(agent.closedByPeer()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/content/Repo/../../secret.txt",
        "/content/Repo/Current/../../../secret.txt",
        "/content/Repo/%2e%2e/%2e%2e/secret.txt",
        "/content/Repo/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/content/Repo/..%5c..%5csecret.txt",
        "/content/Repo/..\\..\\secret.txt",
        "/content/Repo/%252e%252e/secret.txt",
        "/content/Repo/./secret.txt",
        "/content/Repo//secret.txt",
        "/content/Repo/secret.txt%00.zip",
        "/content/Repo/secret.txt%0d%0aX-Injected:%201",
        "/content/Repo/C:%5cWindows%5cwin.ini",
        "/content/Repo/file.txt::$DATA",
        "/content/Repo/trailing.",
        "/content/Repo/%c0%ae%c0%ae/secret.txt",
        "/content/Repo/%zz",
        "/content/Repo",
        "/content/%2e%2e/secret.txt",
        "/content/Repo/"
      })
  void get_hostilePath_answers400WithoutUpstreamRequestOrFileAccess(String target)
      throws Exception {
    Path secret = Files.writeString(temp.resolve("secret.txt"), "secret");

    try (RawClient agent = connect()) {
      Answer response = agent.get(target);

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.text()).doesNotContain("secret\n");
    }
    assertThat(fixture.upstream.requests()).isZero();
    assertThat(fixture.files()).isEmpty();
    assertThat(secret).hasContent("secret");
  }

  @Test
  void get_overlongPath_answers400() throws Exception {
    try (RawClient agent = connect()) {
      assertThat(agent.get("/content/Repo/" + "a".repeat(1100)).status()).isEqualTo(400);
    }
    assertThat(fixture.upstream.requests()).isZero();
  }

  @Test
  void get_queryString_isNotPartOfTheKey() throws Exception {
    try (RawClient agent = connect()) {
      assertThat(agent.get(OBJECT_URL + "?v=1").body()).isEqualTo(OBJECT);
      assertThat(agent.get(OBJECT_URL + "?v=2").body()).isEqualTo(OBJECT);
    }
    assertThat(fixture.upstream.requests()).isEqualTo(1);
  }

  @Test
  void get_unknownOrDisabledSite_answers404() throws Exception {
    try (RawClient agent = connect()) {
      assertThat(agent.get("/content/Unknown/Current/avvdat-10000.zip").status()).isEqualTo(404);
      assertThat(agent.get("/content/Old/Current/avvdat-10000.zip").status()).isEqualTo(404);
      assertThat(agent.get("/content/repo/Current/avvdat-10000.zip").status()).isEqualTo(404);
    }
    assertThat(fixture.upstream.requests()).isZero();
  }

  @Test
  void get_upstreamDownAndNotCached_answers404WithReason() throws Exception {
    fixture.upstream.close();

    try (RawClient agent = connect()) {
      Answer response = agent.get(OBJECT_URL);

      assertThat(response.status()).isEqualTo(404);
      assertThat(response.text()).contains("upstream");
    }
  }

  @Test
  void get_upstreamDownButCached_servesCachedCopy() throws Exception {
    try (RawClient agent = connect()) {
      agent.get(OBJECT_URL);
      fixture.upstream.close();

      assertThat(agent.get(OBJECT_URL).body()).isEqualTo(OBJECT);
    }
  }

  @Test
  void get_wrongDigest_answers502AndCachesNothing() throws Exception {
    fixture.upstream.mode(
        ContentFixture.REPO_PREFIX + "Current/avvdat-10000.zip", Mode.WRONG_DIGEST);

    try (RawClient agent = connect()) {
      Answer response = agent.get(OBJECT_URL);

      assertThat(response.status()).isEqualTo(502);
      assertThat(response.text()).contains("SHA-256");
    }
    assertThat(fixture.files()).isEmpty();
  }

  @Test
  void get_truncatedUpstream_answers502AndCachesNothing() throws Exception {
    fixture.upstream.mode(
        ContentFixture.REPO_PREFIX + "Current/avvdat-10000.zip", Mode.DROPS_MID_BODY);

    try (RawClient agent = connect()) {
      assertThat(agent.get(OBJECT_URL).status()).isEqualTo(502);
    }
    assertThat(fixture.files()).isEmpty();
  }

  @Test
  void get_emptyObject_answers200WithoutBodyAndRangesWith416() throws Exception {
    fixture.publish("Current/empty.txt", new byte[0]);

    try (RawClient agent = connect()) {
      Answer whole = agent.get("/content/Repo/Current/empty.txt");
      Answer range = agent.get("/content/Repo/Current/empty.txt", "Range: bytes=0-");

      assertThat(whole.status()).isEqualTo(200);
      assertThat(whole.header("Content-Length")).isEqualTo("0");
      assertThat(whole.header("Repr-Digest"))
          .isEqualTo("sha-256=:" + TestBytes.sha256Base64(new byte[0]) + ":");
      assertThat(range.status()).isEqualTo(416);
      assertThat(range.header("Content-Range")).isEqualTo("bytes */0");
    }
  }

  @Test
  void post_answers405() throws Exception {
    try (RawClient agent = connect()) {
      agent.request("POST", OBJECT_URL, "Content-Length: 4");
      Answer response = agent.readAnswer(false);

      assertThat(response.status()).isEqualTo(405);
      assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
    }
  }
}
