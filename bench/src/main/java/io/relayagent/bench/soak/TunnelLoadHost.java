package io.relayagent.bench.soak;

import io.relayagent.bench.common.BenchArgs;
import io.relayagent.bench.common.BenchTrust;
import io.relayagent.testkit.RawClient;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bulk bytes through relays' tunnels, as an agent's traffic to a site: each worker opens a mutual-
 * TLS connection to a relay, asks {@code CONNECT} to the data centre's echo host (a site of the
 * relays' SiteList), sends {@code bytes} of pseudo-random data and reads them back, comparing their
 * SHA-256; then the next tunnel, through the next relay. A tunnel cut by a relay killed mid-way
 * counts as failed through that relay; bytes that come back different count as corrupt (never
 * expected). Ends with {@link LoadCounters}' {@code RESULT} line.
 *
 * <pre>
 * java ... TunnelLoadHost ca=DIR name=CERT relays=relay1@ADDR,... port=8083 target=HOST:PORT
 *     seconds=N [workers=2] [bytes=4194304] [pauseMillis=500]
 * </pre>
 */
public final class TunnelLoadHost {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int CHUNK = 64 * 1024;
  private static final int FAILURES_LOGGED = 50;

  private final LoadCounters counters = new LoadCounters();
  private final AtomicInteger failuresLogged = new AtomicInteger();
  private final JdkClientTls tls;
  private final List<RelayTarget> relays;
  private final int port;
  private final String target;
  private final int bytes;
  private final ExecutorService writers = Executors.newCachedThreadPool();

  private TunnelLoadHost(BenchArgs options) throws Exception {
    this.tls =
        TlsContexts.forJdkClient(
            BenchTrust.material(Path.of(options.string("ca")), options.string("name")), Role.RELAY);
    this.relays = RelayTarget.parseList(options.string("relays"));
    this.port = options.integer("port");
    this.target = options.string("target");
    this.bytes = options.integer("bytes", 4 * 1024 * 1024);
  }

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    TunnelLoadHost host = new TunnelLoadHost(options);
    long deadline = System.nanoTime() + Duration.ofSeconds(options.integer("seconds")).toNanos();
    int pauseMillis = options.integer("pauseMillis", 500);
    int workers = options.integer("workers", 2);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    for (int w = 0; w < workers; w++) {
      int first = w;
      pool.execute(() -> host.work(first, deadline, pauseMillis));
    }
    pool.shutdown();
    pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    host.writers.shutdownNow();
    System.out.println(host.counters.resultLine());
  }

  private void work(int first, long deadline, int pauseMillis) {
    SplittableRandom random = new SplittableRandom();
    for (int n = first; System.nanoTime() < deadline; n++) {
      RelayTarget relay = relays.get(n % relays.size());
      counters.increment("tunnels.attempted");
      try {
        long echoed = tunnel(relay, random.nextLong());
        counters.increment("tunnels.ok");
        counters.increment("tunnels.ok." + relay.name());
        counters.add("bytes.echoed", echoed);
      } catch (CorruptEchoException e) {
        counters.increment("tunnels.corrupt");
        log(relay, e);
      } catch (IOException | RuntimeException e) {
        counters.increment("tunnels.failed");
        counters.increment("tunnels.failed." + relay.name());
        log(relay, e);
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One tunnel: CONNECT, {@code bytes} out and back; returns the bytes echoed. */
  private long tunnel(RelayTarget relay, long seed) throws IOException {
    try (RawClient client =
        RawClient.tls(
            tls.context().getSocketFactory(),
            tls.parameters(),
            new InetSocketAddress(relay.address(), port),
            null)) {
      client.timeout(TIMEOUT);
      RawClient.Answer answer =
          client
              .send("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
              .readAnswer();
      if (answer.status() != 200) {
        throw new IOException("CONNECT answered " + answer.statusLine());
      }
      // The echo sends back while we send: write from another thread, or both sides' buffers
      // fill and the tunnel stalls.
      Future<byte[]> sent = writers.submit(() -> send(client.out(), seed));
      MessageDigest received = sha256();
      byte[] buffer = new byte[CHUNK];
      long total = 0;
      while (total < bytes) {
        int n = client.in().read(buffer, 0, (int) Math.min(buffer.length, bytes - total));
        if (n < 0) {
          throw new IOException("the tunnel ended after " + total + " of " + bytes + " bytes");
        }
        received.update(buffer, 0, n);
        total += n;
      }
      byte[] sentDigest = sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!MessageDigest.isEqual(sentDigest, received.digest())) {
        throw new CorruptEchoException(relay.name() + ": the bytes came back different");
      }
      return total;
    } catch (ExecutionException e) {
      throw new IOException("sending: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("sending did not end", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private byte[] send(OutputStream out, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    MessageDigest digest = sha256();
    byte[] chunk = new byte[CHUNK];
    for (long left = bytes; left > 0; left -= chunk.length) {
      int n = (int) Math.min(chunk.length, left);
      for (int i = 0; i < n; i += 8) {
        long value = random.nextLong();
        for (int j = 0; j < 8 && i + j < n; j++) {
          chunk[i + j] = (byte) (value >>> (8 * j));
        }
      }
      digest.update(chunk, 0, n);
      out.write(chunk, 0, n);
    }
    out.flush();
    return digest.digest();
  }

  private void log(RelayTarget relay, Exception e) {
    if (failuresLogged.incrementAndGet() <= FAILURES_LOGGED) {
      System.out.printf(
          "%tT tunnel through %s failed: %s%n", System.currentTimeMillis(), relay.name(), e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The echo's bytes are not the bytes sent: the one outcome that is never the chaos's doing. */
  private static final class CorruptEchoException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptEchoException(String message) {
      super(message);
    }
  }
}
