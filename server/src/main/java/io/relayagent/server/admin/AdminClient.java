package io.relayagent.server.admin;

import io.relayagent.protocol.ErrorReply;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.admin.AgentList;
import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.admin.ConsoleLink;
import io.relayagent.protocol.admin.EdgeRelayEntry;
import io.relayagent.protocol.admin.EdgeRelayList;
import io.relayagent.protocol.admin.EdgeRelayRequest;
import io.relayagent.protocol.admin.EnrollmentToken;
import io.relayagent.protocol.admin.EnrollmentTokenList;
import io.relayagent.protocol.admin.EnrollmentTokenRequest;
import io.relayagent.protocol.admin.EventStoreStatus;
import io.relayagent.protocol.admin.RelayStatisticsEntry;
import io.relayagent.protocol.admin.RelayStatisticsList;
import io.relayagent.protocol.admin.RescanResult;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.wakeup.WakeupReport;
import io.relayagent.protocol.wakeup.WakeupRequest;
import io.relayagent.server.edge.EdgeRelay;
import io.relayagent.sitelist.HostPort;
import io.relayagent.trust.JdkClientTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The administrator's side of {@code /admin/v1/}: what {@code relay-agent relay register |
 * unregister | list} and {@code relay-agent server token create | list | revoke} use. The server
 * must prove the server role with a certificate of the organisation CA that names its host; the
 * administrator proves itself with the token.
 *
 * <pre>{@code
 * AdminClient admin = new AdminClient(URI.create("https://mgmt:443"), token,
 *     TlsContexts.forJdkClient(TrustMaterial.load(TrustFiles.trusting(ca)), Role.SERVER));
 * admin.register("edge.example.com", 8083);
 * }</pre>
 */
public final class AdminClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

  private final URI server;
  private final String token;
  private final HttpClient client;

  public AdminClient(URI server, String token, JdkClientTls tls) {
    if (!"https".equalsIgnoreCase(server.getScheme()) || server.getHost() == null) {
      throw new IllegalArgumentException(
          "the server must be an https:// URL with a host, not \"" + server + "\"");
    }
    this.server = server;
    this.token = token.strip();
    this.client =
        HttpClient.newBuilder()
            .sslContext(tls.context())
            .sslParameters(tls.parameters())
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();
  }

  /**
   * A registration as the server answered it.
   *
   * @param added whether this call registered the relay ({@code 201}), or it was already ({@code
   *     200})
   */
  public record Registered(EdgeRelayEntry relay, boolean added) {}

  /** Registers an edge relay. */
  public Registered register(String host, int port)
      throws IOException, InterruptedException, AdminException {
    HttpResponse<byte[]> answer =
        send(
            request(ServerPaths.ADMIN_EDGE_RELAYS)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        ProtocolJson.write(new EdgeRelayRequest(host, port)))));
    return new Registered(read(answer, EdgeRelayEntry.class), answer.statusCode() == 201);
  }

  /** Unregisters an edge relay; refused with 404 if it is not registered. */
  public void unregister(String host, int port)
      throws IOException, InterruptedException, AdminException {
    HostPort address;
    try {
      address = EdgeRelay.address(host, port);
    } catch (IllegalArgumentException e) {
      throw new AdminException(400, e.getMessage());
    }
    String segment = address.toString().replace("[", "%5B").replace("]", "%5D");
    send(request(ServerPaths.adminEdgeRelay(segment)).DELETE());
  }

  /** The registered edge relays, in registration order. */
  public List<EdgeRelayEntry> edgeRelays()
      throws IOException, InterruptedException, AdminException {
    return read(send(request(ServerPaths.ADMIN_EDGE_RELAYS).GET()), EdgeRelayList.class)
        .edgeRelays();
  }

  /** The agents the server has heard from, by id. */
  public List<AgentSummary> agents() throws IOException, InterruptedException, AdminException {
    return read(send(request(ServerPaths.ADMIN_AGENTS).GET()), AgentList.class).agents();
  }

  /** The latest statistics of every relay that reported some, by relay id. */
  public List<RelayStatisticsEntry> relayStatistics()
      throws IOException, InterruptedException, AdminException {
    return read(send(request(ServerPaths.ADMIN_RELAY_STATISTICS).GET()), RelayStatisticsList.class)
        .relays();
  }

  /** The server's event store: events held, and records found damaged at start. */
  public EventStoreStatus events() throws IOException, InterruptedException, AdminException {
    return read(send(request(ServerPaths.ADMIN_EVENTS).GET()), EventStoreStatus.class);
  }

  /** Makes an enrollment token; the answer holds its secret, which the server never shows again. */
  public EnrollmentToken createEnrollmentToken(EnrollmentTokenRequest request)
      throws IOException, InterruptedException, AdminException {
    return read(
        send(postJson(ServerPaths.ADMIN_ENROLLMENT_TOKENS, request)), EnrollmentToken.class);
  }

  /** Every enrollment token, newest first, without secrets. */
  public List<EnrollmentToken> enrollmentTokens()
      throws IOException, InterruptedException, AdminException {
    return read(send(request(ServerPaths.ADMIN_ENROLLMENT_TOKENS).GET()), EnrollmentTokenList.class)
        .tokens();
  }

  /** Revokes the enrollment token {@code id}; refused with 404 if there is none. */
  public void revokeEnrollmentToken(String id)
      throws IOException, InterruptedException, AdminException {
    if (!id.matches("[0-9A-Za-z]{1,64}")) {
      throw new AdminException(400, "\"" + id + "\" is not an enrollment token id");
    }
    send(request(ServerPaths.adminEnrollmentToken(id)).DELETE());
  }

  /** Wakes the agents {@code request} names: each one's outcome (docs/wakeup.md). */
  public WakeupReport wake(WakeupRequest request)
      throws IOException, InterruptedException, AdminException {
    return read(send(postJson(ServerPaths.ADMIN_WAKEUPS, request)), WakeupReport.class);
  }

  /** A one-time login link to the server's web console (docs/console.md). */
  public ConsoleLink consoleLink() throws IOException, InterruptedException, AdminException {
    HttpRequest.Builder post =
        request(ServerPaths.ADMIN_CONSOLE_LINKS).POST(HttpRequest.BodyPublishers.noBody());
    return read(send(post), ConsoleLink.class);
  }

  /** Rescans the repository now; the catalog version after the scan. */
  public long rescanRepository() throws IOException, InterruptedException, AdminException {
    HttpRequest.Builder post =
        request(ServerPaths.ADMIN_RESCAN).POST(HttpRequest.BodyPublishers.noBody());
    return read(send(post), RescanResult.class).version();
  }

  /** {@code POST path} with a message's record as its JSON body. */
  private HttpRequest.Builder postJson(String path, Object body) {
    return request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(ProtocolJson.write(body)));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(server.resolve(path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request)
      throws IOException, InterruptedException, AdminException {
    HttpResponse<byte[]> answer =
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    int status = answer.statusCode();
    if (status >= 200 && status < 300) {
      return answer;
    }
    String reason = "the server answered " + status;
    try {
      reason = ProtocolJson.read(answer.body(), MAX_ANSWER_BYTES, ErrorReply.class).error();
    } catch (MalformedJsonException e) {
      // Not one of this server's answers: the status says enough.
    }
    throw new AdminException(status, reason);
  }

  private static <T> T read(HttpResponse<byte[]> answer, Class<T> type) throws IOException {
    try {
      return ProtocolJson.read(answer.body(), MAX_ANSWER_BYTES, type);
    } catch (MalformedJsonException e) {
      throw new IOException("the server's answer is not what was expected: " + e.getMessage(), e);
    }
  }
}
