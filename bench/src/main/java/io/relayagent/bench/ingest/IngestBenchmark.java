package io.relayagent.bench.ingest;

import io.relayagent.bench.common.BenchEvents;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.agent.EventBatch;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.server.ReferenceServer;
import io.relayagent.server.ServerSettings;
import io.relayagent.server.admin.AdminClient;
import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event ingestion into the reference server's database (issue 17): AGENTS simulated agents, each
 * with its own certificate and TLS connection, post batches of BATCH events to {@code POST
 * /agent/v1/events} as fast as the server answers, for SECONDS; one batch in twenty is sent twice
 * (an agent that never saw the acknowledgement). The same load runs against SQLite in a fresh
 * server directory and, when a URL is given, against PostgreSQL. Each run checks that the server
 * stored each event once ({@code GET /admin/v1/events} against the distinct ids acknowledged).
 *
 * <pre>{@code
 * java -cp CP io.relayagent.bench.ingest.IngestBenchmark AGENTS BATCH SECONDS [POSTGRES_URL]
 * }</pre>
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    int agents = Integer.parseInt(args[0]);
    int batch = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    Path work = Files.createTempDirectory("relay-agent-ingest");
    LoopbackPki pki =
        LoopbackPki.create(work.resolve("pki"), "CN=Ingest Bench CA,O=Relay Agent bench")
            .issue(Role.SERVER, "mgmt");
    for (int i = 0; i < agents; i++) {
      pki.issue(Role.AGENT, agentId(i));
    }
    double sqlite = run("SQLite", work.resolve("sqlite"), null, pki, agents, batch, seconds);
    if (args.length > 3) {
      double postgres =
          run(
              "PostgreSQL",
              work.resolve("postgres"),
              new DatabaseSettings(args[3], null, null),
              pki,
              agents,
              batch,
              seconds);
      System.out.printf("PostgreSQL / SQLite: %.2f%n", postgres / sqlite);
    }
    System.exit(0);
  }

  /** One run; the events per second stored. */
  private static double run(
      String name,
      Path dir,
      DatabaseSettings database,
      LoopbackPki pki,
      int agents,
      int batch,
      int seconds)
      throws Exception {
    Files.createDirectories(dir);
    ServerSettings settings =
        ServerSettings.of(dir, pki.files("mgmt"))
            .withBindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .withRepositoryScanInterval(Duration.ZERO)
            .withDatabase(database);
    try (ReferenceServer server = ReferenceServer.start(settings)) {
      URI events = URI.create("https://127.0.0.1:" + server.port() + ServerPaths.EVENTS);
      AdminClient admin =
          new AdminClient(
              URI.create("https://127.0.0.1:" + server.port() + "/"),
              server.adminToken(),
              TlsContexts.forJdkClient(pki.trustOnly(), Role.SERVER));
      long before = admin.events().eventsStored();
      AtomicLong acknowledged = new AtomicLong();
      AtomicLong resent = new AtomicLong();
      long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      ExecutorService threads = Executors.newFixedThreadPool(agents);
      List<Future<Long>> results = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < agents; i++) {
        HttpClient client = client(TlsContexts.forJdkClient(pki.material(agentId(i)), Role.SERVER));
        String agentId = agentId(i);
        results.add(
            threads.submit(
                () -> {
                  long sent = 0;
                  while (System.nanoTime() < deadline) {
                    byte[] body = ProtocolJson.write(batch(agentId, batch));
                    post(client, events, body);
                    sent += batch;
                    if (sent % (20L * batch) == 0) {
                      post(client, events, body); // the acknowledgement was "lost"
                      resent.addAndGet(batch);
                    }
                  }
                  acknowledged.addAndGet(sent);
                  return sent;
                }));
      }
      for (Future<Long> result : results) {
        result.get();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      threads.shutdown();
      long stored = admin.events().eventsStored() - before;
      double rate = stored / elapsed;
      System.out.printf(
          "%s: %d agents, batches of %d: %d events stored in %.1f s = %.0f events/s;"
              + " %d events resent; stored once each: %s%n",
          name,
          agents,
          batch,
          stored,
          elapsed,
          rate,
          resent.get(),
          stored == acknowledged.get() ? "yes" : "NO (acknowledged " + acknowledged.get() + ")");
      return rate;
    }
  }

  private static void post(HttpClient client, URI events, byte[] body) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(events)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "events answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static EventBatch batch(String agentId, int size) {
    return BenchEvents.batch(
        agentId,
        size,
        EventType.DETECTION,
        i -> "{\"file\":\"C:\\\\Users\\\\x\\\\eicar.com\",\"n\":" + i + "}");
  }

  private static HttpClient client(JdkClientTls tls) {
    return HttpClient.newBuilder()
        .sslContext(tls.context())
        .sslParameters(tls.parameters())
        .version(HttpClient.Version.HTTP_1_1)
        .proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  private static String agentId(int i) {
    return String.format("bench-agent-%04d", i);
  }
}
