package io.relayagent.bench.tunnel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.relayagent.bench.common.BenchArgs;
import io.relayagent.bench.common.BenchHttp;
import io.relayagent.bench.common.Percentiles;
import io.relayagent.bench.common.ProcessStats;
import io.relayagent.trust.Credential;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The content-cache part of bench/tunnel.sh: a small HTTPS upstream (the JDK's server, with the
 * nginx certificate) serves one object with {@code Content-Length} and {@code Repr-Digest} and
 * counts the requests it gets; then {@code clients} agents ask the relay for {@code GET
 * /content/bench/<object>} at the same moment, each on its own mutual-TLS connection ({@code
 * java.net.http.HttpClient}, HTTP/1.1). The cache starts cold, so the first request makes the one
 * upstream fetch and the others wait for it or are served from disk.
 *
 * <pre>
 * java ... CacheDownloads pki=DIR object=FILE upstream=PORT relayTls=PORT relayPid=PID
 *     [clients=200]
 * </pre>
 */
public final class CacheDownloads {
  private static final double MIB = 1024.0 * 1024;

  private CacheDownloads() {}

  /** One download: status, bytes received, the digest header, and how long it took. */
  private record Download(int status, long bytes, String digest, long micros) {}

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    BenchPki pki = new BenchPki(Path.of(options.string("pki")));
    Path object = Path.of(options.string("object"));
    int clients = options.integer("clients", 200);
    long relayPid = options.pid("relayPid");
    byte[] content = Files.readAllBytes(object);
    String digest =
        "sha-256=:"
            + Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(content))
            + ":";
    String objectPath = "/" + TunnelBenchSetup.CONTENT_PATH + "/" + object.getFileName();
    AtomicInteger upstreamRequests = new AtomicInteger();

    HttpsServer upstream =
        HttpsServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), options.integer("upstream")),
            64);
    upstream.setHttpsConfigurator(
        new HttpsConfigurator(serverContext(pki.material(BenchPki.NGINX))));
    upstream.createContext(
        "/",
        exchange -> {
          upstreamRequests.incrementAndGet();
          serve(exchange, objectPath, content, digest);
        });
    upstream.start();

    try {
      JdkClientTls tls = TlsContexts.forJdkClient(pki.material(BenchPki.AGENT), Role.RELAY);
      HttpClient client = BenchHttp.client(tls, Duration.ofSeconds(30)).build();
      URI uri =
          URI.create(
              "https://127.0.0.1:"
                  + options.integer("relayTls")
                  + "/content/"
                  + TunnelBenchSetup.CONTENT_SITE
                  + "/"
                  + object.getFileName());
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).build();
      System.out.printf(
          Locale.ROOT,
          "%d agents GET %s (%.0f MiB, cache cold) at once%n",
          clients,
          uri,
          content.length / MIB);

      MachineLoad.awaitQuiet(0.3, 120);
      double cpuBefore = ProcessStats.cpuSeconds(relayPid);
      double clientCpuBefore = ProcessStats.cpuSeconds(ProcessHandle.current().pid());
      long start = System.nanoTime();
      List<CompletableFuture<Download>> downloads = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        downloads.add(download(client, request));
      }
      CompletableFuture.allOf(downloads.toArray(new CompletableFuture<?>[0])).join();
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = ProcessStats.cpuSeconds(relayPid) - cpuBefore;
      double clientCpu = ProcessStats.cpuSeconds(ProcessHandle.current().pid()) - clientCpuBefore;

      long[] micros = new long[clients];
      int complete = 0;
      for (int i = 0; i < clients; i++) {
        Download done = downloads.get(i).join();
        micros[i] = done.micros();
        if (done.status() == 200
            && done.bytes() == content.length
            && digest.equals(done.digest())) {
          complete++;
        } else if (i - complete < 3) {
          System.out.println(
              "incomplete download: status "
                  + done.status()
                  + ", "
                  + done.bytes()
                  + " bytes, Repr-Digest "
                  + done.digest());
        }
      }
      double totalMib = complete * (content.length / MIB);
      Percentiles each = new Percentiles(micros);
      System.out.printf(
          Locale.ROOT,
          "%d of %d complete and verified (status 200, length, Repr-Digest) in %.1f s:"
              + " %.0f MiB/s in all; each download p50 %.1f s, max %.1f s%n",
          complete,
          clients,
          seconds,
          totalMib / seconds,
          each.at(50) / 1e6,
          each.at(100) / 1e6);
      System.out.printf(
          Locale.ROOT,
          "upstream requests: %d (goal: 1); relay CPU %.1f s (%.2f s per GiB served), the"
              + " agents' and upstream's JVM %.1f s; relay RSS %d MiB (peak %d MiB)%n",
          upstreamRequests.get(),
          cpu,
          cpu / (totalMib / 1024),
          clientCpu,
          ProcessStats.memoryKib(relayPid, "VmRSS") / 1024,
          ProcessStats.memoryKib(relayPid, "VmHWM") / 1024);
      System.out.printf(
          Locale.ROOT,
          "RESULT clients=%d complete=%d seconds=%.1f mibPerSecond=%.0f p50=%.1f max=%.1f"
              + " upstreamRequests=%d cpuPerGib=%.2f%n",
          clients,
          complete,
          seconds,
          totalMib / seconds,
          each.at(50) / 1e6,
          each.at(100) / 1e6,
          upstreamRequests.get(),
          cpu / (totalMib / 1024));
    } finally {
      upstream.stop(0);
    }
  }

  private static CompletableFuture<Download> download(HttpClient client, HttpRequest request) {
    long start = System.nanoTime();
    return client
        .sendAsync(request, info -> new CountingSubscriber())
        .thenApply(
            response ->
                new Download(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("repr-digest").orElse(null),
                    (System.nanoTime() - start) / 1000))
        .exceptionally(
            failure -> {
              System.out.println("download failed: " + failure);
              return new Download(-1, 0, null, (System.nanoTime() - start) / 1000);
            });
  }

  /** The upstream's one object, with the headers the relay's cache requires. */
  private static void serve(HttpExchange exchange, String path, byte[] content, String digest)
      throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(path)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
      exchange.getResponseHeaders().add("Repr-Digest", digest);
      boolean head = exchange.getRequestMethod().equals("HEAD");
      // The JDK server sends Content-Length for a length > 0; for HEAD, -1 means no body.
      exchange.sendResponseHeaders(200, head ? -1 : content.length);
      if (!head) {
        try (OutputStream body = exchange.getResponseBody()) {
          body.write(content);
        }
      }
    }
  }

  private static SSLContext serverContext(TrustMaterial material)
      throws GeneralSecurityException, IOException {
    Credential identity = material.identity().orElseThrow();
    char[] password = "in-memory".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "upstream",
        identity.privateKey(),
        password,
        identity.chain().toArray(new X509Certificate[0]));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** Counts the body's bytes and drops them. */
  private static final class CountingSubscriber implements BodySubscriber<Long> {
    private final CompletableFuture<Long> total = new CompletableFuture<>();
    private long bytes;

    @Override
    public CompletionStage<Long> getBody() {
      return total;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        bytes += buffer.remaining();
      }
    }

    @Override
    public void onError(Throwable failure) {
      total.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      total.complete(bytes);
    }
  }
}
