package io.relayagent.server.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.repo.Catalog;
import io.relayagent.protocol.repo.CatalogEntry;
import io.relayagent.server.ServerFixture;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.ContentSignatures;
import io.relayagent.trust.PemFiles;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /repo/}: files with the headers a relay's cache requires, and the signed catalog. */
class RepositoryServingTest {
  @TempDir Path dir;
  @TempDir Path outside;
  private ServerFixture fixture;
  private HttpClient agent;

  @BeforeEach
  void start() throws Exception {
    fixture = ServerFixture.start(dir);
    agent = fixture.agent("agent-1");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void file_carriesLengthReprDigestETagAndAcceptRanges() throws Exception {
    HttpResponse<byte[]> response = fixture.getBytes(agent, "/repo/engines/engine-1.dat");

    byte[] content = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(content);
    assertThat(response.headers().firstValue("Content-Length")).hasValue("16");
    assertThat(response.headers().firstValue("Repr-Digest"))
        .hasValue("sha-256=:" + Base64.getEncoder().encodeToString(sha256(content)) + ":");
    assertThat(response.headers().firstValue("ETag"))
        .hasValue(
            "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(content)) + "\"");
    assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
  }

  @Test
  void file_range_is206WithContentRange_andTheDigestOfTheWholeFile() throws Exception {
    HttpResponse<String> middle =
        fixture.get(agent, "/repo/engines/engine-1.dat", "Range", "bytes=2-5");
    HttpResponse<String> suffix =
        fixture.get(agent, "/repo/engines/engine-1.dat", "Range", "bytes=-3");
    HttpResponse<String> beyond =
        fixture.get(agent, "/repo/engines/engine-1.dat", "Range", "bytes=16-");
    HttpResponse<String> several =
        fixture.get(agent, "/repo/engines/engine-1.dat", "Range", "bytes=0-1,4-5");

    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(middle.body()).isEqualTo("2345");
    assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 2-5/16");
    assertThat(middle.headers().firstValue("Content-Length")).hasValue("4");
    assertThat(middle.headers().firstValue("Repr-Digest"))
        .isEqualTo(
            fixture.get(agent, "/repo/engines/engine-1.dat").headers().firstValue("Repr-Digest"));
    assertThat(suffix.body()).isEqualTo("def");
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */16");
    assertThat(several.statusCode()).isEqualTo(200);
    assertThat(several.body()).isEqualTo("0123456789abcdef");
  }

  @Test
  void file_ifRangeOfAnotherVersion_getsTheWholeFile() throws Exception {
    HttpResponse<String> response =
        fixture.get(
            agent, "/repo/hello.txt", "Range", "bytes=1-2", "If-Range", "\"another-version\"");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello");
  }

  @Test
  void file_headAndConditionalGet_sendNoBody() throws Exception {
    HttpResponse<String> head =
        agent.send(
            HttpRequest.newBuilder(fixture.uri("/repo/hello.txt"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String etag = head.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> conditional = fixture.get(agent, "/repo/hello.txt", "If-None-Match", etag);

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue("5");
    assertThat(head.headers().firstValue("Repr-Digest")).isPresent();
    assertThat(head.body()).isEmpty();
    assertThat(conditional.statusCode()).isEqualTo(304);
    assertThat(conditional.body()).isEmpty();
  }

  @Test
  void catalog_listsEveryFileWithSizeDigestAndVersion() throws Exception {
    HttpResponse<String> response = fixture.get(agent, "/repo/catalog.json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Repr-Digest")).isPresent();
    Catalog catalog = catalog(response.body().getBytes(StandardCharsets.UTF_8));
    assertThat(catalog.version()).isEqualTo(1);
    assertThat(catalog.files())
        .containsExactly(
            new CatalogEntry(
                "engines/engine-1.dat",
                16L,
                HexFormat.of()
                    .formatHex(sha256("0123456789abcdef".getBytes(StandardCharsets.UTF_8))),
                1L),
            new CatalogEntry(
                "hello.txt",
                5L,
                HexFormat.of().formatHex(sha256("hello".getBytes(StandardCharsets.UTF_8))),
                1L));
  }

  @Test
  void catalogSignature_verifiesWithTheServedChain_andFailsWhenOneByteChanges() throws Exception {
    byte[] catalog = fixture.getBytes(agent, "/repo/catalog.json").body();
    byte[] signature =
        Base64.getDecoder().decode(fixture.get(agent, "/repo/catalog.json.sig").body());
    Path chainFile = outside.resolve("chain.pem");
    Files.write(chainFile, fixture.getBytes(agent, "/repo/catalog.json.chain").body());
    List<X509Certificate> chain = PemFiles.readCertificates(chainFile);
    ContentSignatures.Verifier verifier =
        ContentSignatures.verifier(new ChainVerifier(fixture.trustOnly(), Clock.systemUTC()));

    assertThat(verifier.verify(catalog, signature, chain).getSubjectX500Principal().getName())
        .contains("CN=mgmt");
    byte[] altered = catalog.clone();
    altered[altered.length - 2] ^= 1;
    assertThatThrownBy(() -> verifier.verify(altered, signature, chain))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void catalog_fileChangedAddedOrRemoved_newVersion_keptAcrossRestarts() throws Exception {
    Files.writeString(dir.resolve("repo/hello.txt"), "hello, world");
    Files.writeString(dir.resolve("repo/new.bin"), "new");
    assertThat(fixture.admin().rescanRepository()).isEqualTo(2);
    Files.delete(dir.resolve("repo/new.bin"));
    fixture.restart();

    Catalog catalog = catalog(fixture.getBytes(agent, "/repo/catalog.json").body());

    assertThat(catalog.version()).isEqualTo(3);
    assertThat(catalog.file("hello.txt"))
        .hasValueSatisfying(f -> assertThat(f.version()).isEqualTo(2));
    assertThat(catalog.file("engines/engine-1.dat"))
        .hasValueSatisfying(f -> assertThat(f.version()).isEqualTo(1));
    assertThat(catalog.file("new.bin")).isEmpty();
    assertThat(fixture.get(agent, "/repo/hello.txt").body()).isEqualTo("hello, world");
  }

  @Test
  void file_changedSinceTheLastScan_isServedWithItsNewDigest_andANewCatalog() throws Exception {
    Files.writeString(dir.resolve("repo/hello.txt"), "changed");

    HttpResponse<byte[]> response = fixture.getBytes(agent, "/repo/hello.txt");

    assertThat(response.body()).isEqualTo("changed".getBytes(StandardCharsets.UTF_8));
    assertThat(response.headers().firstValue("Repr-Digest"))
        .hasValue("sha-256=:" + Base64.getEncoder().encodeToString(sha256(response.body())) + ":");
    assertThat(catalog(fixture.getBytes(agent, "/repo/catalog.json").body()).version())
        .isEqualTo(2);
  }

  @Test
  void traversalAndHiddenNames_areRefused_andSymbolicLinksAreNeverServed() throws Exception {
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(dir.resolve("repo/link.txt"), outside.resolve("secret.txt"));
    Files.writeString(dir.resolve("repo/.hidden"), "hidden");
    fixture.admin().rescanRepository();

    assertThat(fixture.get(agent, "/repo/../policy.xml").statusCode()).isEqualTo(400);
    assertThat(fixture.get(agent, "/repo/%2e%2e/policy.xml").statusCode()).isEqualTo(400);
    assertThat(fixture.get(agent, "/repo/engines/..%2F..%2Fpolicy.xml").statusCode())
        .isEqualTo(400);
    assertThat(fixture.get(agent, "/repo/.hidden").statusCode()).isEqualTo(400);
    assertThat(fixture.get(agent, "/repo/engines//engine-1.dat").statusCode()).isEqualTo(400);
    assertThat(fixture.get(agent, "/repo/link.txt").statusCode()).isEqualTo(404);
    assertThat(fixture.get(agent, "/repo/nothing.bin").statusCode()).isEqualTo(404);
    assertThat(fixture.get(agent, "/repo/catalog.json").body())
        .doesNotContain("link.txt")
        .doesNotContain("hidden");
  }

  private static byte[] sha256(byte[] content) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(content);
  }

  private static Catalog catalog(byte[] json) throws MalformedJsonException {
    return ProtocolJson.read(json, Catalog.MAX_BYTES, Catalog.class);
  }
}
