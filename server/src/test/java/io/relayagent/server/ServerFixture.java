package io.relayagent.server;

import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.server.admin.AdminClient;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFileException;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A reference server on 127.0.0.1 with its CA (the one {@link LoopbackPki}, in {@code
 * DIR/test-pki}), a directory with a policy, a SiteList and a repository, and HTTPS clients for
 * agents, relays and the administrator.
 */
public final class ServerFixture implements AutoCloseable {
  public static final String POLICY =
      "<policy xmlns=\"urn:relay-agent:policy:1\">\n"
          + "  <relayClient>\n"
          + "    <staticRelay host=\"dmz-1.example.com\" port=\"443\"/>\n"
          + "  </relayClient>\n"
          + "</policy>\n";

  /** Written with odd spacing on purpose: it must be served byte for byte as stored. */
  public static final String SITE_LIST =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<ns:SiteLists xmlns:ns=\"naSiteList\" Type=\"Client\"  GlobalVersion=\"1\">\n"
          + "  <SiteList Default=\"1\" Name=\"SomeGUID\">\n"
          + "    <SpipeSite Type=\"master\" Name=\"mgmt\" Order=\"1\" Server=\"127.0.0.1:443\""
          + " Enabled=\"1\" Local=\"0\">\n"
          + "      <RelativePath/>\n"
          + "    </SpipeSite>\n"
          + "    <HttpSite Type=\"repository\" Name=\"repo\" Order=\"2\""
          + " Server=\"127.0.0.1:443\" Enabled=\"1\" Local=\"0\">\n"
          + "      <RelativePath>repo</RelativePath>\n"
          + "    </HttpSite>\n"
          + "  </SiteList>\n"
          + "</ns:SiteLists>\n";

  public final Path dir;
  public final LoopbackPki pki;
  private final TrustFiles serverFiles;
  private final Map<String, HttpClient> clients = new HashMap<>();
  private UnaryOperator<ServerSettings> customise = UnaryOperator.identity();
  private ReferenceServer server;

  private ServerFixture(Path dir) throws TrustFileException {
    this.dir = dir;
    this.pki =
        LoopbackPki.create(dir.resolve("test-pki"), "CN=Server Test CA,O=Relay Agent tests")
            .issue(Role.SERVER, "mgmt");
    this.serverFiles = pki.files("mgmt");
  }

  /** A directory with policy.xml, SiteList.xml and two repository files; the server not started. */
  public static ServerFixture prepare(Path dir) throws IOException, TrustFileException {
    ServerFixture fixture = new ServerFixture(dir);
    Files.writeString(dir.resolve("policy.xml"), POLICY);
    Files.writeString(dir.resolve("SiteList.xml"), SITE_LIST);
    Files.createDirectories(dir.resolve("repo/engines"));
    Files.writeString(dir.resolve("repo/hello.txt"), "hello");
    Files.writeString(dir.resolve("repo/engines/engine-1.dat"), "0123456789abcdef");
    return fixture;
  }

  public static ServerFixture start(Path dir) throws Exception {
    return prepare(dir).start();
  }

  public ServerFixture customise(UnaryOperator<ServerSettings> change) {
    this.customise = change;
    return this;
  }

  public ServerFixture start() throws ServerStartException {
    server = ReferenceServer.start(customise.apply(settings()));
    return this;
  }

  public ServerSettings settings() {
    return ServerSettings.of(dir, serverFiles)
        .withBindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .withRepositoryScanInterval(Duration.ZERO);
  }

  /** Stops the server and starts a new one on the same directory (another port). */
  public void restart() throws ServerStartException {
    server.close();
    start();
  }

  public ReferenceServer server() {
    return server;
  }

  public URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.port() + path);
  }

  public JdkClientTls tls(TrustMaterial material) {
    return TlsContexts.forJdkClient(material, Role.SERVER);
  }

  /** {@code name}'s material, its certificate for {@code role} issued at the first call. */
  public TrustMaterial material(Role role, String name) {
    try {
      if (!Files.exists(pki.directory().certificate(name))) {
        pki.issue(role, name);
      }
      return pki.material(name);
    } catch (TrustFileException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client proving {@code agentId}'s agent certificate (one per id, reused). */
  public HttpClient agent(String agentId) {
    return clients.computeIfAbsent("agent:" + agentId, id -> client(material(Role.AGENT, agentId)));
  }

  public HttpClient relay(String relayId) {
    return clients.computeIfAbsent("relay:" + relayId, id -> client(material(Role.RELAY, relayId)));
  }

  /** A client with no certificate, as an administrator's. */
  public HttpClient anonymous() {
    return clients.computeIfAbsent("anonymous", id -> client(trustOnly()));
  }

  /** Trust in the fixture's CA without an identity. */
  public TrustMaterial trustOnly() {
    try {
      return pki.trustOnly();
    } catch (TrustFileException e) {
      throw new IllegalStateException(e);
    }
  }

  public HttpClient client(TrustMaterial material) {
    JdkClientTls tls = tls(material);
    return HttpClient.newBuilder()
        .sslContext(tls.context())
        .sslParameters(tls.parameters())
        .version(HttpClient.Version.HTTP_1_1)
        .proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  public AdminClient admin() {
    return new AdminClient(uri("/"), server.adminToken(), tls(trustOnly()));
  }

  public HttpResponse<String> get(HttpClient client, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<byte[]> getBytes(HttpClient client, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<String> postJson(HttpClient client, String path, Object json)
      throws IOException, InterruptedException {
    return post(client, path, ProtocolJson.writeString(json));
  }

  public HttpResponse<String> post(HttpClient client, String path, String body)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A valid status report of {@code agentId}, reaching the server directly. */
  public static Map<String, Object> directStatus(String agentId) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("agentId", agentId);
    status.put("agentVersion", "0.1.0");
    status.put("mode", "direct");
    status.put("time", "2026-03-02T10:00:00Z");
    return status;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
