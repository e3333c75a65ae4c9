package io.relayagent.bench.asci;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.relayagent.bench.common.BenchEvents;
import io.relayagent.bench.common.Percentiles;
import io.relayagent.demo.DemoPolicy;
import io.relayagent.mesh.client.HttpSession;
import io.relayagent.mesh.client.Route;
import io.relayagent.mesh.client.ServerChannels;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.agent.EventBatch;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.json.Version;
import io.relayagent.server.ReferenceServer;
import io.relayagent.server.ServerSettings;
import io.relayagent.server.admin.AdminClient;
import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.sitelist.HostPort;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * ASCIs on one server instance (issue 17: "10,000 simulated agents' ASCIs within one minute"):
 * AGENTS simulated agents, each with its own certificate, each run one whole ASCI as the agent runs
 * it, with the agent's own client code ({@link ServerChannels}, {@link HttpSession}): a new TLS
 * connection with its client certificate, then {@code GET} policy, SiteList and trust bundle,
 * {@code POST} its status report and a batch of EVENTS events, {@code GET} the catalog and its
 * signature, and close. At most CONCURRENCY ASCIs are in flight at once. The same load runs against
 * SQLite in a fresh server directory and, when a URL is given, against PostgreSQL; each run checks
 * through the admin API that the server recorded every agent and stored each event once.
 *
 * <pre>{@code
 * java -cp CP io.relayagent.bench.asci.AsciBenchmark AGENTS CONCURRENCY EVENTS [POSTGRES_URL]
 * }</pre>
 */
public final class AsciBenchmark {
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
  private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * {@code -Dasci.serverProcess=true}: the server is the shipped {@code relay-agent server} in a
   * JVM of its own with the launcher's options (and {@code -Dasci.serverJavaOptions}'s, split at
   * spaces), not a {@link ReferenceServer} in this one; SQLite only.
   */
  private static final boolean SERVER_PROCESS = Boolean.getBoolean("asci.serverProcess");

  private static final List<String> SERVER_JAVA_OPTIONS =
      List.of(System.getProperty("asci.serverJavaOptions", "").trim().split("\\s+")).stream()
          .filter(option -> !option.isEmpty())
          .toList();

  private AsciBenchmark() {}

  public static void main(String[] args) throws Exception {
    int agents = Integer.parseInt(args[0]);
    int concurrency = Integer.parseInt(args[1]);
    int events = Integer.parseInt(args[2]);
    if (SERVER_PROCESS && args.length > 3) {
      throw new IllegalArgumentException("a server process is measured on SQLite only");
    }
    Path work = Files.createTempDirectory("relay-agent-asci");
    long issuing = System.nanoTime();
    LoopbackPki pki =
        LoopbackPki.create(work.resolve("pki"), "CN=ASCI Bench CA,O=Relay Agent bench")
            .issue(Role.SERVER, "mgmt");
    // Each agent's TLS context is made once, as the agent makes it at start, not per ASCI.
    List<SslContext> materials = new ArrayList<>(agents);
    for (int i = 0; i < agents; i++) {
      pki.issue(Role.AGENT, agentId(i));
      materials.add(TlsContexts.forClient(pki.material(agentId(i)), Role.SERVER));
    }
    System.out.printf(
        "%d agent certificates issued and their TLS contexts made in %.1f s%n",
        agents, (System.nanoTime() - issuing) / 1e9);
    run("SQLite", work.resolve("sqlite"), null, pki, materials, concurrency, events);
    if (args.length > 3) {
      run(
          "PostgreSQL",
          work.resolve("postgres"),
          new DatabaseSettings(args[3], null, null),
          pki,
          materials,
          concurrency,
          events);
    }
    System.exit(0);
  }

  private static void run(
      String name,
      Path dir,
      DatabaseSettings database,
      LoopbackPki pki,
      List<SslContext> materials,
      int concurrency,
      int events)
      throws Exception {
    Files.createDirectories(dir);
    // The SiteList the server hands out (its content is the agents' business, not the server's:
    // the port named in it is not the one the server binds).
    Files.writeString(dir.resolve("SiteList.xml"), DemoPolicy.siteList(8443));
    ServerSettings settings =
        ServerSettings.of(dir, pki.files("mgmt"))
            .withBindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .withRepositoryScanInterval(Duration.ZERO)
            .withDatabase(database);
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            2, new DefaultThreadFactory("bench-agents", true), NioIoHandler.newFactory());
    ReferenceServer inProcess = null;
    ServerProcess process = null;
    try {
      int port;
      String token;
      if (SERVER_PROCESS) {
        process = ServerProcess.start(dir, pki.directory(), "mgmt", SERVER_JAVA_OPTIONS);
        port = process.port();
        token = process.adminToken();
      } else {
        inProcess = ReferenceServer.start(settings);
        port = inProcess.port();
        token = inProcess.adminToken();
      }
      HostPort address = HostPort.parse("127.0.0.1", port);
      AdminClient admin =
          new AdminClient(
              URI.create("https://127.0.0.1:" + port + "/"),
              token,
              TlsContexts.forJdkClient(pki.trustOnly(), Role.SERVER));
      long storedBefore = admin.events().eventsStored();
      int agents = materials.size();
      long[] micros = new long[agents];
      AtomicInteger failed = new AtomicInteger();
      AtomicReference<Throwable> firstFailure = new AtomicReference<>();
      Semaphore slots = new Semaphore(concurrency);
      List<CompletableFuture<Void>> all = new ArrayList<>(agents);
      long start = System.nanoTime();
      for (int i = 0; i < agents; i++) {
        slots.acquire();
        int index = i;
        long begun = System.nanoTime();
        CompletableFuture<Void> asci =
            asci(group, address, agentId(index), materials.get(index), events)
                .whenComplete(
                    (ok, failure) -> {
                      micros[index] = (System.nanoTime() - begun) / 1_000;
                      if (failure != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                      }
                      slots.release();
                    });
        all.add(asci.exceptionally(failure -> null));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
      double elapsed = (System.nanoTime() - start) / 1e9;
      int recorded = admin.agents().size();
      long stored = admin.events().eventsStored() - storedBefore;
      long expected = (long) (agents - failed.get()) * events;
      System.out.printf(
          "%s: %d ASCIs (%d at a time) in %.1f s = %.0f ASCIs a minute; one ASCI (µs) %s;"
              + " failed %d%s; agents recorded %d; events stored %d, once each: %s%n",
          name,
          agents,
          concurrency,
          elapsed,
          agents / elapsed * 60,
          new Percentiles(micros).summary(),
          failed.get(),
          firstFailure.get() == null ? "" : " (first: " + firstFailure.get() + ")",
          recorded,
          stored,
          stored == expected ? "yes" : "NO (expected " + expected + ")");
      if (process != null) {
        System.out.printf("  %s%n", process.report());
      }
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      if (inProcess != null) {
        inProcess.close();
      }
      if (process != null) {
        process.stop();
      }
    }
  }

  /** One ASCI as the agent's {@code AsciCycle} runs it on a direct route. */
  private static CompletableFuture<Void> asci(
      EventLoopGroup group, HostPort server, String agentId, SslContext toServers, int events) {
    // A direct route never meets a relay: the relay context is never used.
    ServerChannels channels =
        new ServerChannels(group, toServers, toServers, Duration.ofSeconds(30));
    return channels
        .open(new Route.Direct(), server)
        .thenCompose(
            channel -> {
              HttpSession session =
                  HttpSession.over(channel, server.toString(), 1 << 20, EXCHANGE_TIMEOUT);
              return get(session, ServerPaths.POLICY)
                  .thenCompose(v -> get(session, ServerPaths.SITELIST))
                  .thenCompose(v -> get(session, ServerPaths.TRUST))
                  .thenCompose(v -> post(session, ServerPaths.STATUS, status(agentId)))
                  .thenCompose(
                      v ->
                          events == 0
                              ? CompletableFuture.completedFuture(null)
                              : post(session, ServerPaths.EVENTS, batch(agentId, events)))
                  .thenCompose(v -> get(session, ServerPaths.CATALOG))
                  .thenCompose(v -> get(session, ServerPaths.CATALOG_SIGNATURE))
                  .whenComplete((v, failure) -> session.close());
            });
  }

  private static CompletableFuture<Void> get(HttpSession session, String path) {
    return checked(path, session.send(HttpMethod.GET, path, Map.of(), null));
  }

  private static CompletableFuture<Void> post(HttpSession session, String path, Object body) {
    return checked(path, session.send(HttpMethod.POST, path, JSON, ProtocolJson.write(body)));
  }

  private static CompletableFuture<Void> checked(
      String path, CompletableFuture<HttpSession.Response> exchange) {
    return exchange.thenAccept(
        response -> {
          if (response.status() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.status());
          }
        });
  }

  private static StatusReport status(String agentId) {
    return new StatusReport(
        agentId,
        "bench",
        null,
        Version.of(0),
        StatusReport.Mode.DIRECT,
        null,
        false,
        Instant.now().toString(),
        null,
        null);
  }

  private static EventBatch batch(String agentId, int size) {
    return BenchEvents.batch(agentId, size, EventType.STATUS, i -> "{\"n\":" + i + "}");
  }

  private static String agentId(int i) {
    return String.format("asci-agent-%05d", i);
  }
}
