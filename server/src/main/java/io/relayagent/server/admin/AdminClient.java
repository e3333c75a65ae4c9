package io.relayagent.server.admin;

import io.relayagent.json.JsonException;
import io.relayagent.json.JsonReader;
import io.relayagent.json.JsonWriter;
import io.relayagent.server.edge.EdgeRelay;
import io.relayagent.sitelist.HostPort;
import io.relayagent.trust.JdkClientTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The administrator's side of {@code /admin/v1/}: what {@code relay-agent relay register |
 * unregister | list} use. The server must prove the server role with a certificate of the
 * organisation CA that names its host; the administrator proves itself with the token.
 *
 * <pre>{@code
 * AdminClient admin = new AdminClient(URI.create("https://mgmt:443"), token,
 *     TlsContexts.forJdkClient(TrustMaterial.load(TrustFiles.trusting(ca)), Role.SERVER));
 * admin.register("edge.example.com", 8083);
 * }</pre>
 */
public final class AdminClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_ANSWER_CHARS = 16 * 1024 * 1024;

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

  /** Registers an edge relay; the answer says whether it was new ({@code added}). */
  public Map<String, Object> register(String host, int port)
      throws IOException, InterruptedException, AdminException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("host", host);
    body.put("port", port);
    HttpResponse<String> answer =
        send(
            request("/admin/v1/edge-relays")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonWriter.write(body))));
    Map<String, Object> relay = new LinkedHashMap<>(json(answer));
    relay.put("added", answer.statusCode() == 201);
    return relay;
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
    send(request("/admin/v1/edge-relays/" + segment).DELETE());
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> edgeRelays()
      throws IOException, InterruptedException, AdminException {
    return (List<Map<String, Object>>)
        json(send(request("/admin/v1/edge-relays").GET())).get("edgeRelays");
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> agents()
      throws IOException, InterruptedException, AdminException {
    return (List<Map<String, Object>>) json(send(request("/admin/v1/agents").GET())).get("agents");
  }

  /** Rescans the repository now; the catalog version after the scan. */
  public long rescanRepository() throws IOException, InterruptedException, AdminException {
    HttpRequest.Builder post =
        request("/admin/v1/repo/rescan").POST(HttpRequest.BodyPublishers.noBody());
    return (Long) json(send(post)).get("version");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(server.resolve(path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException, AdminException {
    HttpResponse<String> answer =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    int status = answer.statusCode();
    if (status >= 200 && status < 300) {
      return answer;
    }
    String reason = "the server answered " + status;
    try {
      Object error = JsonReader.parseObject(answer.body(), MAX_ANSWER_CHARS).get("error");
      if (error instanceof String text) {
        reason = text;
      }
    } catch (JsonException e) {
      // Not one of this server's answers: the status says enough.
    }
    throw new AdminException(status, reason);
  }

  private static Map<String, Object> json(HttpResponse<String> answer) throws IOException {
    try {
      return JsonReader.parseObject(answer.body(), MAX_ANSWER_CHARS);
    } catch (JsonException e) {
      throw new IOException("the server's answer is not JSON: " + e.getMessage(), e);
    }
  }
}
