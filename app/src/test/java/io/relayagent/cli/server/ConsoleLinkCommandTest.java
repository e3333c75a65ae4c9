package io.relayagent.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import io.relayagent.server.ReferenceServer;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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

/** {@code relay-agent server console-link} against a server in this JVM. */
class ConsoleLinkCommandTest {
  private static final Pattern PRINTED =
      Pattern.compile("Console login link \\(one use, until (\\S+)\\):\n(https://\\S+)\n");

  @TempDir Path root;
  private ReferenceServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = ServerDirectories.start(root);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void consoleLink_printsALinkThatSignsInOnce() throws Exception {
    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isZero();
    Matcher matcher = PRINTED.matcher(run.out());
    assertThat(matcher.find()).as(run.out()).isTrue();
    URI link = URI.create(matcher.group(2));
    assertThat(link.getPort()).isEqualTo(server.port());
    assertThat(link.getPath()).isEqualTo("/console/login");
    assertThat(open(link).statusCode()).isEqualTo(303);
    assertThat(open(link).statusCode()).as("used once already").isEqualTo(401);
  }

  @Test
  void consoleLink_json_printsUrlAndExpiry() {
    CliRun run = run("--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern(
            "\\{\"url\":\"https://localhost:" + server.port() + "/console/login\\?link=")
        .contains("\"expires\":");
  }

  @Test
  void consoleLink_wrongToken_isRefused() throws Exception {
    Path wrong = root.resolve("wrong-token");
    Files.writeString(wrong, "not-the-administrator-token");

    List<String> args = new ArrayList<>(List.of("server", "console-link"));
    args.addAll(ServerDirectories.adminOptions(root, server.port()));
    args.set(args.indexOf("--token-file") + 1, wrong.toString());
    CliRun run = CliRun.run(args.toArray(new String[0]));

    assertThat(run.exitCode()).isEqualTo(1);
  }

  private CliRun run(String... extra) {
    List<String> args = new ArrayList<>(List.of("server", "console-link"));
    args.addAll(ServerDirectories.adminOptions(root, server.port()));
    args.addAll(List.of(extra));
    return CliRun.run(args.toArray(new String[0]));
  }

  private HttpResponse<String> open(URI link) throws Exception {
    JdkClientTls tls =
        TlsContexts.forJdkClient(
            TrustMaterial.load(TrustFiles.trusting(root.resolve("ca/ca.pem"))), Role.SERVER);
    HttpClient browser =
        HttpClient.newBuilder().sslContext(tls.context()).sslParameters(tls.parameters()).build();
    return browser.send(
        HttpRequest.newBuilder(link).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
