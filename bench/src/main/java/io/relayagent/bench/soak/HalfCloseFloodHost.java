package io.relayagent.bench.soak;

import io.relayagent.bench.common.BenchArgs;
import io.relayagent.bench.common.BenchTrust;
import io.relayagent.testkit.RawClient;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The half-close flood of issue 13, finding 1, repeated for the whole soak: bursts of connections
 * to one relay, each sending {@code GET /content/...} with keep-alive and then ending its side.
 * Three ways, in turn: on the plain listener after reading the answer, on the plain listener before
 * the answer arrives, and on the TLS listener ({@code close_notify}, then FIN) after the answer.
 * Each connection then waits for the relay to close its side: a relay that answered and closed is
 * right; one that holds the connection open past {@value #HOLD_SECONDS} s is the defect (it would
 * hold it until its idle timeout, and a burst fills its connection limit). Connections come from
 * several source addresses, each within the relay's per-source budget. Ends with {@link
 * LoadCounters}' {@code RESULT} line.
 *
 * <pre>
 * java ... HalfCloseFloodHost ca=DIR name=CERT relay=ADDR plain=8084 tls=8083 path=/content/...
 *     sources=ADDR,ADDR,... seconds=N [burst=1024] [intervalSeconds=60] [concurrency=32]
 * </pre>
 */
public final class HalfCloseFloodHost {
  static final int HOLD_SECONDS = 10;
  private static final int PROBLEMS_LOGGED = 50;

  /** How a connection ends its side. */
  enum Mode {
    PLAIN_FIN_AFTER_ANSWER,
    PLAIN_FIN_BEFORE_ANSWER,
    TLS_CLOSE_AFTER_ANSWER;

    String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final LoadCounters counters = new LoadCounters();
  private final AtomicInteger problemsLogged = new AtomicInteger();
  private final JdkClientTls tls;
  private final String relay;
  private final int plainPort;
  private final int tlsPort;
  private final String request;
  private final List<InetAddress> sources = new ArrayList<>();

  private HalfCloseFloodHost(BenchArgs options) throws Exception {
    this.tls =
        TlsContexts.forJdkClient(
            BenchTrust.material(Path.of(options.string("ca")), options.string("name")), Role.RELAY);
    this.relay = options.string("relay");
    this.plainPort = options.integer("plain");
    this.tlsPort = options.integer("tls");
    this.request =
        "GET "
            + options.string("path")
            + " HTTP/1.1\r\nHost: "
            + relay
            + "\r\nConnection: keep-alive\r\n\r\n";
    for (String source : options.string("sources").split(",")) {
      sources.add(InetAddress.getByName(source));
    }
  }

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    HalfCloseFloodHost host = new HalfCloseFloodHost(options);
    long end = System.nanoTime() + Duration.ofSeconds(options.integer("seconds")).toNanos();
    int burst = options.integer("burst", 1024);
    long interval = Duration.ofSeconds(options.integer("intervalSeconds", 60)).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(options.integer("concurrency", 32));
    for (long next = System.nanoTime(); next < end; next += interval) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000);
      }
      host.burst(pool, burst);
    }
    pool.shutdownNow();
    System.out.println(host.counters.resultLine());
  }

  private void burst(ExecutorService pool, int connections) throws InterruptedException {
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Mode mode = Mode.values()[i % Mode.values().length];
      InetAddress source = sources.get(i % sources.size());
      done.add(pool.submit(() -> connection(mode, source)));
    }
    for (Future<?> future : done) {
      try {
        future.get();
      } catch (java.util.concurrent.ExecutionException e) {
        counters.increment("flood.bug");
        log("a flood connection threw " + e.getCause());
      }
    }
    counters.increment("flood.bursts");
    System.out.printf(
        Locale.ROOT,
        "%tT burst of %d in %.1f s; so far: %s%n",
        System.currentTimeMillis(),
        connections,
        (System.nanoTime() - start) / 1e9,
        counters.resultLine());
  }

  private void connection(Mode mode, InetAddress source) {
    counters.increment("flood.connections");
    String key = "flood." + mode.key();
    try (RawClient client = open(mode, source)) {
      client.timeout(Duration.ofSeconds(HOLD_SECONDS));
      client.send(request);
      if (mode == Mode.PLAIN_FIN_BEFORE_ANSWER) {
        client.shutdownOutput();
      }
      RawClient.Answer answer = client.readAnswer();
      counters.increment(key + ".answered" + (answer.status() == 200 ? "" : "-" + answer.status()));
      if (mode != Mode.PLAIN_FIN_BEFORE_ANSWER) {
        client.shutdownOutput(); // over TLS: close_notify, then FIN
      }
      if (client.closedByPeer()) {
        counters.increment(key + ".closed");
      } else {
        counters.increment(key + ".held");
        log(
            mode.key()
                + " from "
                + source.getHostAddress()
                + ": still open "
                + HOLD_SECONDS
                + " s after the client's FIN");
      }
    } catch (IOException e) {
      counters.increment(key + ".error");
      log(mode.key() + " from " + source.getHostAddress() + ": " + e);
    }
  }

  private RawClient open(Mode mode, InetAddress source) throws IOException {
    if (mode == Mode.TLS_CLOSE_AFTER_ANSWER) {
      return RawClient.tls(
          tls.context().getSocketFactory(),
          tls.parameters(),
          new InetSocketAddress(relay, tlsPort),
          source);
    }
    return RawClient.plain(new InetSocketAddress(relay, plainPort), source);
  }

  private void log(String what) {
    if (problemsLogged.incrementAndGet() <= PROBLEMS_LOGGED) {
      System.out.printf("%tT %s%n", System.currentTimeMillis(), what);
    }
  }
}
