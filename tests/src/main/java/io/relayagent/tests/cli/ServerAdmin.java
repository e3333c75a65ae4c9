package io.relayagent.tests.cli;

import io.relayagent.tests.lan.Command;
import io.relayagent.tests.lan.NamespaceLan.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The reference server's state as its administrator reads it: {@code GET /admin/v1/agents} with the
 * token of {@code DIR/admin-token} (docs/server-protocol.md), sent by curl from the server's own
 * network namespace, since the test runs outside the LAN.
 */
public final class ServerAdmin {

  private final Host host;
  private final String baseUrl;
  private final Path serverDirectory;

  /**
   * @param baseUrl {@code https://ADDRESS:PORT}, with an address the server's certificate names
   */
  public ServerAdmin(Host host, String baseUrl, Path serverDirectory) {
    this.host = host;
    this.baseUrl = baseUrl;
    this.serverDirectory = serverDirectory;
  }

  /** One agent as the server lists it. */
  public record AgentView(String agentId, String mode, String relay, String address) {}

  /** The agents the server has heard from, with the route of their last status report. */
  public List<AgentView> agents() throws IOException {
    String token = Files.readString(serverDirectory.resolve("admin-token"), StandardCharsets.UTF_8);
    String json =
        Command.stdout(
            List.of(
                "ip",
                "netns",
                "exec",
                host.namespace(),
                "curl",
                "--silent",
                "--show-error",
                "--fail",
                "--max-time",
                "10",
                "--cacert",
                serverDirectory.resolve("ca.pem").toString(),
                "--header",
                "Authorization: Bearer " + token.trim(),
                baseUrl + "/admin/v1/agents"));
    return CliJson.objects(CliJson.object(json), "agents").stream()
        .map(
            agent ->
                new AgentView(
                    CliJson.string(agent, "agentId"),
                    CliJson.string(agent, "mode"),
                    CliJson.string(agent, "relay"),
                    CliJson.string(agent, "address")))
        .toList();
  }
}
