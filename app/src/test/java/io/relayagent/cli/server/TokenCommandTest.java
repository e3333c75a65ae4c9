package io.relayagent.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import io.relayagent.cli.ExitCodes;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.enroll.EnrollmentRequest;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.server.ReferenceServer;
import io.relayagent.server.ServerSettings;
import io.relayagent.trust.CertificateRequests;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relay-agent server token create | list | revoke} against a server in this JVM. */
class TokenCommandTest {
  private static final Pattern CREATED =
      Pattern.compile(
          "Enrollment token ([0-9a-f]{16}) \\((\\w+), (\\d+) uses, until (\\S+)\\):\n(\\S+)\n");

  @TempDir Path root;
  private ReferenceServer server;

  @BeforeEach
  void startServer() throws Exception {
    Path dir = ServerDirectories.create(root);
    server =
        ReferenceServer.start(
            ServerSettings.load(dir)
                .withCaDirectory(root.resolve("ca"))
                .withBindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void create_printsTheSecretOnce_andItEnrollsAHost() throws Exception {
    CliRun created = token("create", "--uses", "2", "--expires", "7d", "--role", "relay");

    assertThat(created.exitCode()).as(created.err()).isZero();
    Matcher matcher = CREATED.matcher(created.out());
    assertThat(matcher.find()).as(created.out()).isTrue();
    assertThat(matcher.group(2)).isEqualTo("relay");
    assertThat(matcher.group(3)).isEqualTo("2");
    assertThat(created.out()).contains("This secret is not shown again");
    String secret = matcher.group(5);
    assertThat(token("list").out()).doesNotContain(secret);
    assertThat(token("list", "--json").out()).doesNotContain(secret);
    assertThat(enroll(secret, "relay-5").statusCode()).isEqualTo(200);
    assertThat(token("list").out())
        .containsPattern(matcher.group(1) + " +relay +1/2 +\\S+ +active");
  }

  @Test
  void list_json_and_revoke() throws Exception {
    CliRun created = token("create", "--uses", "5", "--expires", "12h");
    Matcher matcher = CREATED.matcher(created.out());
    assertThat(matcher.find()).as(created.out()).isTrue();
    String id = matcher.group(1);

    CliRun revoked = token("revoke", id);
    CliRun json = token("list", "--json");
    CliRun again = token("revoke", "0000000000000000");

    assertThat(revoked.exitCode()).as(revoked.err()).isZero();
    assertThat(revoked.out()).startsWith("Revoked enrollment token " + id);
    assertThat(json.out())
        .startsWith("{\"tokens\":[{\"id\":\"" + id + "\",")
        .contains("\"role\":\"agent\"", "\"revoked\":true");
    assertThat(enroll(matcher.group(5), "host-1").statusCode()).isEqualTo(403);
    assertThat(again.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(again.err()).contains("no enrollment token has the id").contains("HTTP 404");
  }

  @Test
  void create_badDurationOrRole_exitsWithTheReason() {
    CliRun badDuration = token("create", "--uses", "1", "--expires", "7 days");
    CliRun tooLong = token("create", "--uses", "1", "--expires", "400d");
    CliRun badRole = token("create", "--uses", "1", "--expires", "1d", "--role", "server");

    assertThat(badDuration.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(badDuration.err()).contains("use a number and d, h, m or s");
    assertThat(tooLong.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(tooLong.err()).contains("--expires: must be between 1 second and 366 days");
    assertThat(badRole.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(badRole.err()).contains("--role: must be agent or relay");
  }

  private CliRun token(String... args) {
    List<String> all = new ArrayList<>(List.of("server", "token"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--server",
            url(),
            "--token-file",
            root.resolve("server/admin-token").toString(),
            "--ca",
            root.resolve("ca/ca.pem").toString()));
    return CliRun.run(all.toArray(new String[0]));
  }

  private String url() {
    return "https://localhost:" + server.port();
  }

  private HttpResponse<String> enroll(String secret, String name) throws Exception {
    JdkClientTls tls =
        TlsContexts.forJdkClient(
            TrustMaterial.load(TrustFiles.trusting(root.resolve("ca/ca.pem"))), Role.SERVER);
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(tls.context())
            .sslParameters(tls.parameters())
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();
    String body =
        ProtocolJson.writeString(
            new EnrollmentRequest(
                secret,
                CertificateRequests.create(KeyAlgorithm.P256.generateKeyPair(), name),
                "1.0.0"));
    return client.send(
        HttpRequest.newBuilder(URI.create(url() + ServerPaths.ENROLL))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
