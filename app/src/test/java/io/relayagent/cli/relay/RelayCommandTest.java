package io.relayagent.cli.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.server.ServerDirectories;
import io.relayagent.server.ReferenceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relay-agent relay register | unregister | list} against a server in this JVM. */
class RelayCommandTest {
  @TempDir Path root;
  private Path dir;
  private ReferenceServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = ServerDirectories.start(root);
    dir = root.resolve("server");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void register_list_unregister() {
    CliRun registered = relay("register", "--host", "edge.example.com", "--port", "8083");
    CliRun again = relay("register", "--host", "edge.example.com");
    CliRun second = relay("register", "--host", "2001:db8::7", "--port", "443");
    CliRun table = relay("list");
    CliRun json = relay("list", "--json");
    CliRun unregistered = relay("unregister", "--host", "edge.example.com", "--port", "8083");
    CliRun afterwards = relay("list", "--json");

    assertThat(registered.exitCode()).as(registered.err()).isZero();
    assertThat(registered.out())
        .startsWith("Registered edge relay edge.example.com:8083 with " + url());
    assertThat(again.out()).startsWith("Edge relay edge.example.com:8083 was already registered");
    assertThat(second.exitCode()).isZero();
    assertThat(table.out())
        .containsPattern("RELAY +REGISTERED\n")
        .containsPattern("edge.example.com:8083 +20")
        .as("IPv6 in the RFC 5952 short form")
        .contains("[2001:db8::7]:443");
    assertThat(json.out())
        .startsWith("{\"edgeRelays\":[{\"host\":\"edge.example.com\",\"port\":8083,");
    assertThat(unregistered.exitCode()).isZero();
    assertThat(unregistered.out()).startsWith("Unregistered edge relay edge.example.com:8083");
    assertThat(afterwards.out()).doesNotContain("edge.example.com");
  }

  @Test
  void unregister_notRegistered_exits1WithTheServersReason() {
    CliRun run = relay("unregister", "--host", "edge.example.com");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.err())
        .contains("refused: edge relay edge.example.com:8083 is not registered (HTTP 404)");
  }

  @Test
  void wrongToken_exits1_andRegistersNothing() throws Exception {
    Path wrong = Files.writeString(root.resolve("wrong-token"), "not-the-administrator-token");

    CliRun run =
        CliRun.run(
            "relay",
            "register",
            "--server",
            url(),
            "--token-file",
            wrong.toString(),
            "--ca",
            root.resolve("ca/ca.pem").toString(),
            "--host",
            "edge.example.com");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.err()).contains("the administrator token is missing or wrong (HTTP 401)");
    assertThat(relay("list", "--json").out()).isEqualTo("{\"edgeRelays\":[]}\n");
  }

  @Test
  void serverNotReachable_exits1() {
    int port = server.port();
    server.close();

    CliRun run = relay("list");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.err()).contains("cannot reach https://localhost:" + port);
  }

  @Test
  void badInput_exits2() {
    CliRun plainHttp =
        CliRun.run(
            "relay",
            "list",
            "--server",
            "http://localhost:" + server.port(),
            "--token-file",
            dir.resolve("admin-token").toString(),
            "--ca",
            root.resolve("ca/ca.pem").toString());
    CliRun noToken =
        CliRun.run(
            "relay",
            "list",
            "--server",
            url(),
            "--token-file",
            root.resolve("absent").toString(),
            "--ca",
            root.resolve("ca/ca.pem").toString());
    CliRun badHost = relay("register", "--host", "edge example");

    assertThat(plainHttp.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(plainHttp.err()).contains("must be an https:// URL");
    assertThat(noToken.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noToken.err()).contains(root.resolve("absent") + ": cannot be read");
    assertThat(badHost.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(badHost.err()).contains("not a valid host name").contains("HTTP 400");
  }

  private String url() {
    return "https://localhost:" + server.port();
  }

  private CliRun relay(String... args) {
    List<String> all = new ArrayList<>(List.of("relay"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--server",
            url(),
            "--token-file",
            dir.resolve("admin-token").toString(),
            "--ca",
            root.resolve("ca/ca.pem").toString()));
    return CliRun.run(all.toArray(new String[0]));
  }
}
