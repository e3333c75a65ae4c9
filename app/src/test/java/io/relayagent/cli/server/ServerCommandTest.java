package io.relayagent.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.relayagent.cli.CliRun;
import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.RelayAgentCli;
import io.relayagent.files.FileAccess;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerCommandTest {
  @TempDir Path root;

  @Test
  void server_runsUntilStopped_andAnswersHttpsMeanwhile() throws Exception {
    Path dir = ServerDirectories.create(root);
    StringWriter out = new StringWriter();
    AtomicInteger exitCode = new AtomicInteger(-1);
    CommandLine cli = RelayAgentCli.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    Thread running =
        new Thread(
            () ->
                exitCode.set(
                    cli.execute(
                        "server",
                        "--dir",
                        dir.toString(),
                        "--port",
                        "0",
                        "--bind",
                        "127.0.0.1",
                        "--ca-dir",
                        root.resolve("ca").toString())));
    running.start();
    int port = awaitPort(out);

    HttpResponse<String> answer = getEdgeRelays(dir, port);
    running.interrupt(); // as Ctrl-C would, from within this JVM
    running.join(10_000);

    assertThat(out.toString())
        .contains("Reference server listening on 127.0.0.1, port " + port)
        .contains("Agents and relays reach it as https://localhost:" + port + "/")
        .contains("Administrator token: " + dir.resolve("admin-token"))
        .contains("Enrolling and renewing certificates from " + root.resolve("ca").toAbsolutePath())
        .contains("Stopped.");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"edgeRelays\":[]}");
    assertThat(exitCode.get()).isEqualTo(ExitCodes.OK);
    assertThat(refusesConnections(port)).isTrue();
  }

  @Test
  void server_withoutItsCertificate_exits2NamingTheFile() throws Exception {
    Path dir = ServerDirectories.create(root);
    Files.delete(dir.resolve("server.pem"));

    CliRun run = CliRun.run("server", "--dir", dir.toString(), "--port", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains(dir.resolve("server.pem").toString());
  }

  @Test
  void server_agentSiteListOutsideTheRelaysList_exits2NamingTheFileAndSite() throws Exception {
    Path dir = ServerDirectories.create(root);
    Files.createDirectories(dir.resolve("sitelists"));
    Files.copy(Path.of("../examples/relay-SiteList.xml"), dir.resolve("RelaySiteList.xml"));
    Files.copy(
        Path.of("../examples/branch-agent-SiteList.xml"), dir.resolve("sitelists/branch-7.xml"));

    CliRun run = CliRun.run("server", "--dir", dir.toString(), "--port", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains("RelaySiteList.xml does not cover")
        .contains("sitelists/branch-7.xml: ")
        .contains("ah2.example.com:443");
  }

  @Test
  void server_help_saysWhichSiteListEachHostGets() {
    CliRun run = CliRun.run("server", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().replaceAll("\\s+", " "))
        .contains("RelaySiteList.xml (the SiteList relays get;")
        .contains("sitelists/<agent-id>.xml (one agent's own SiteList)");
  }

  @Test
  void server_invalidPolicy_exits2WithEveryProblem() throws Exception {
    Path dir = ServerDirectories.create(root);
    Files.writeString(
        dir.resolve("policy.xml"), "<policy xmlns=\"urn:relay-agent:policy:1\"><x/></policy>");

    CliRun run = CliRun.run("server", "--dir", dir.toString(), "--port", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains(dir.resolve("policy.xml") + ":1:");
  }

  @Test
  void server_badBindOrPort_exits2() throws Exception {
    Path dir = ServerDirectories.create(root);

    CliRun name = CliRun.run("server", "--dir", dir.toString(), "--bind", "localhost");
    CliRun port = CliRun.run("server", "--dir", dir.toString(), "--port", "70000");
    CliRun noDir = CliRun.run("server");

    assertThat(name.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(name.err()).contains("bind must be an IP address, not \"localhost\"");
    assertThat(port.err()).contains("--port must be 0 to 65535");
    assertThat(noDir.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noDir.err()).contains("Missing required option: '--dir=DIR'");
  }

  @Test
  void server_databasePasswordOnTheCommandLine_isRefused() throws Exception {
    Path dir = ServerDirectories.create(root);

    CliRun run =
        CliRun.run(
            "server",
            "--dir",
            dir.toString(),
            "--port",
            "0",
            "--database",
            "jdbc:postgresql://127.0.0.1:5432/relay?user=relay&password=secret");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("--database-password-file").doesNotContain("secret");
  }

  @Test
  void server_databasePasswordFileOthersMayRead_exits2NamingIt() throws Exception {
    assumeTrue(FileAccess.isPosix(root), "POSIX permissions");
    Path dir = ServerDirectories.create(root);
    Path password = root.resolve("db-password");
    Files.writeString(password, "secret\n");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));

    CliRun run =
        CliRun.run(
            "server",
            "--dir",
            dir.toString(),
            "--port",
            "0",
            "--database",
            "jdbc:postgresql://127.0.0.1:1/relay",
            "--database-user",
            "relay",
            "--database-password-file",
            password.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains(password.toString()).contains("owner-only");
  }

  @Test
  void server_unknownDatabase_exits2() throws Exception {
    Path dir = ServerDirectories.create(root);

    CliRun run =
        CliRun.run(
            "server", "--dir", dir.toString(), "--port", "0", "--database", "jdbc:mysql://x/db");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("jdbc:postgresql://HOST:PORT/DB");
  }

  /** The port the server printed it listens on (it bound port 0). */
  private static int awaitPort(StringWriter out) {
    Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1, port (\\d+)");
    Matcher matcher =
        await("the server prints its port")
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> listening.matcher(out.toString()), Matcher::find);
    return Integer.parseInt(matcher.group(1));
  }

  private static HttpResponse<String> getEdgeRelays(Path dir, int port) throws Exception {
    JdkClientTls tls =
        TlsContexts.forJdkClient(
            TrustMaterial.load(TrustFiles.trusting(dir.resolve("ca.pem"))), Role.SERVER);
    HttpClient client =
        HttpClient.newBuilder().sslContext(tls.context()).sslParameters(tls.parameters()).build();
    String token = Files.readString(dir.resolve("admin-token")).strip();
    return client.send(
        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/admin/v1/edge-relays"))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static boolean refusesConnections(int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      return false;
    } catch (ConnectException e) {
      return true;
    } finally {
      socket.close();
    }
  }
}
