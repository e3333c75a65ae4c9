package io.relayagent.tests.cli;

import io.relayagent.tests.lan.Command;
import io.relayagent.tests.lan.Curl;
import io.relayagent.tests.lan.JavaHosts;
import io.relayagent.tests.lan.NamespaceLan.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference server as its administrator reaches it, from the server's own network namespace
 * (the test runs outside the LAN), or on this machine's loopback ({@link #onLoopback}): {@code GET
 * /admin/v1/agents} and {@code /admin/v1/events} with the token of {@code DIR/admin-token}
 * (docs/server-protocol.md), sent by curl, and the shipped {@code relay-agent server token}
 * commands.
 */
public final class ServerAdmin {

  /** The server's namespace; {@code null}: this machine's own network. */
  private final Host host;

  private final String baseUrl;
  private final Path serverDirectory;
  private final Path caFile;

  /**
   * @param baseUrl {@code https://ADDRESS:PORT}, with an address the server's certificate names
   */
  public ServerAdmin(Host host, String baseUrl, Path serverDirectory) {
    this(host, baseUrl, serverDirectory, serverDirectory.resolve("ca.pem"));
  }

  /**
   * @param caFile the roots the server's certificate must chain to: a CA directory's {@code
   *     trust-bundle.pem}, which holds both roots during a rollover
   */
  public ServerAdmin(Host host, String baseUrl, Path serverDirectory, Path caFile) {
    this.host = host;
    this.baseUrl = baseUrl;
    this.serverDirectory = serverDirectory;
    this.caFile = caFile;
  }

  /**
   * A server on this machine's loopback, reached without a namespace.
   *
   * @param baseUrl {@code https://127.0.0.1:PORT}
   */
  public static ServerAdmin onLoopback(String baseUrl, Path serverDirectory) {
    return new ServerAdmin(null, baseUrl, serverDirectory, serverDirectory.resolve("ca.pem"));
  }

  /** One agent as the server lists it. */
  public record AgentView(String agentId, String mode, String relay, String address) {}

  /**
   * One agent's certificate as the server lists it.
   *
   * @param root the issuing root's SHA-256 fingerprint, from its last status report
   * @param previousRoot whether that root is not the first of the server's trust bundle; {@code
   *     null} if unknown
   */
  public record AgentCertificateView(
      String agentId, String expires, String root, Boolean previousRoot) {}

  /** The agents the server has heard from, with the route of their last status report. */
  public List<AgentView> agents() throws IOException {
    return agentObjects().stream()
        .map(
            agent ->
                new AgentView(
                    CliJson.string(agent, "agentId"),
                    CliJson.string(agent, "mode"),
                    CliJson.string(agent, "relay"),
                    CliJson.string(agent, "address")))
        .toList();
  }

  /** The agents the server has heard from, with the certificate of their last status report. */
  public List<AgentCertificateView> agentCertificates() throws IOException {
    return agentObjects().stream()
        .map(
            agent ->
                new AgentCertificateView(
                    CliJson.string(agent, "agentId"),
                    CliJson.string(agent, "certificateExpires"),
                    CliJson.string(agent, "certificateRoot"),
                    CliJson.optionalBool(agent, "previousRoot")))
        .toList();
  }

  /**
   * {@code relay-agent server token create --uses N --expires DURATION --role ROLE --json}; returns
   * the token's secret, which the server shows only this once.
   */
  public String createToken(int uses, String expires, String role) {
    Map<String, Object> token =
        CliJson.object(
            Command.stdout(
                inNamespace(
                    JavaHosts.relayAgent(
                        "server",
                        "token",
                        "create",
                        "--json",
                        "--uses",
                        "" + uses,
                        "--expires",
                        expires,
                        "--role",
                        role,
                        "--server",
                        baseUrl,
                        "--token-file",
                        serverDirectory.resolve("admin-token").toString(),
                        "--ca",
                        caFile.toString()))));
    return CliJson.string(token, "token");
  }

  /**
   * The server's event store ({@code GET /admin/v1/events}).
   *
   * @param damagedRecords the offsets of records found damaged when the server started
   */
  public record EventStoreView(long eventsStored, List<Long> damagedRecords) {}

  public EventStoreView eventStore() throws IOException {
    Map<String, Object> json = CliJson.object(get("/admin/v1/events"));
    List<Long> damaged =
        CliJson.numbers(json, "damagedRecords").stream().map(Number::longValue).toList();
    return new EventStoreView(CliJson.longInteger(json, "eventsStored"), damaged);
  }

  /** Events stored per agent ({@code eventsStored} of {@code GET /admin/v1/agents}), by id. */
  public Map<String, Long> eventsStoredByAgent() throws IOException {
    Map<String, Long> stored = new TreeMap<>();
    for (Map<String, Object> agent : agentObjects()) {
      stored.put(CliJson.string(agent, "agentId"), CliJson.longInteger(agent, "eventsStored"));
    }
    return stored;
  }

  /** The server's time of each agent's last request ({@code lastSeen}), by id. */
  public Map<String, Instant> lastSeen() throws IOException {
    return times("lastSeen");
  }

  /** The time of each agent's last status report ({@code reported}, the agent's clock), by id. */
  public Map<String, Instant> reported() throws IOException {
    return times("reported");
  }

  private Map<String, Instant> times(String member) throws IOException {
    Map<String, Instant> times = new TreeMap<>();
    for (Map<String, Object> agent : agentObjects()) {
      String time = CliJson.string(agent, member);
      if (time != null) {
        times.put(CliJson.string(agent, "agentId"), Instant.parse(time));
      }
    }
    return times;
  }

  /**
   * {@code relay-agent server wakeup AGENT... --json}: wakes the agents and waits (its default 5 s)
   * for their ASCIs in the server's records; its answer whatever its exit code.
   */
  public WakeupView wakeup(String... agentIds) {
    List<String> args = new ArrayList<>(List.of("server", "wakeup", "--json"));
    args.addAll(List.of(agentIds));
    Command.Result result = Command.tryStdout(inNamespace(admin(args)));
    if (result.exitCode() != 0 && result.exitCode() != 1) {
      throw new IllegalStateException("server wakeup failed (" + result.exitCode() + ")");
    }
    return WakeupView.of(result.exitCode(), CliJson.object(result.output()));
  }

  /** {@code relay-agent relay stats --json}: each relay's statistics of its last ASCI, by id. */
  public Map<String, Map<String, Object>> relayStatistics() {
    Map<String, Map<String, Object>> byRelay = new TreeMap<>();
    String json = Command.stdout(inNamespace(admin(List.of("relay", "stats", "--json"))));
    for (Map<String, Object> relay : CliJson.objects(CliJson.object(json), "relays")) {
      byRelay.put(CliJson.string(relay, "relayId"), CliJson.object(relay, "statistics"));
    }
    return byRelay;
  }

  /** {@code relay-agent relay stats}: the table an administrator reads. */
  public String relayStatisticsTable() {
    return Command.stdout(inNamespace(admin(List.of("relay", "stats"))));
  }

  /** The shipped CLI with {@code args} and the options that reach this server as administrator. */
  private List<String> admin(List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.addAll(
        List.of(
            "--server",
            baseUrl,
            "--token-file",
            serverDirectory.resolve("admin-token").toString(),
            "--ca",
            caFile.toString()));
    return JavaHosts.relayAgent(all.toArray(String[]::new));
  }

  private List<Map<String, Object>> agentObjects() throws IOException {
    return CliJson.objects(CliJson.object(get("/admin/v1/agents")), "agents");
  }

  private String get(String path) throws IOException {
    String token = Files.readString(serverDirectory.resolve("admin-token"), StandardCharsets.UTF_8);
    List<String> options =
        List.of("--cacert", caFile.toString(), "--header", "Authorization: Bearer " + token.trim());
    return Command.stdout(
        host == null
            ? Curl.get(options, baseUrl + path)
            : Curl.get(host.namespace(), options, baseUrl + path));
  }

  private List<String> inNamespace(List<String> command) {
    if (host == null) {
      return command;
    }
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
    full.addAll(command);
    return full;
  }
}
