package io.relayagent.bench.soak;

import io.relayagent.bench.common.BenchArgs;
import io.relayagent.bench.common.BenchHttp;
import io.relayagent.bench.common.BenchTrust;
import io.relayagent.protocol.repo.Catalog;
import io.relayagent.protocol.repo.CatalogEntry;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cache downloads through relays, verified against the server's signed catalog: each worker takes
 * the current catalog (fetched through a relay's tunnel, its signature checked; refreshed every 30
 * s, so files the soak adds to the repository are fetched too), picks one of its files at random
 * and fetches it through the relays' content caches with {@link ResumableDownload} (fail over and
 * resume, as the agent does). A download attempted is either verified (the catalog's size and
 * SHA-256), corrupt, or failed at its deadline; downloads in flight when the run ends are finished,
 * not dropped. Ends with {@link LoadCounters}' {@code RESULT} line.
 *
 * <pre>
 * java ... DownloadLoadHost ca=DIR name=CERT relays=relay1@ADDR,... port=8083 plain=8084
 *     server=HOST:PORT site=NAME seconds=N [workers=2] [pauseMillis=1000]
 * </pre>
 */
public final class DownloadLoadHost {
  private static final Duration CATALOG_REFRESH = Duration.ofSeconds(30);
  private static final Duration DOWNLOAD_DEADLINE = Duration.ofMinutes(5);
  private static final int FAILURES_LOGGED = 100;

  private final LoadCounters counters = new LoadCounters();
  private final AtomicInteger failuresLogged = new AtomicInteger();
  private final AtomicReference<Catalog> catalog = new AtomicReference<>();
  private final List<RelayTarget> relays;
  private final SignedCatalog catalogs;
  private final ResumableDownload downloads;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

  private DownloadLoadHost(BenchArgs options) throws Exception {
    Path ca = Path.of(options.string("ca"));
    String name = options.string("name");
    TrustMaterial material = BenchTrust.material(ca, name);
    this.relays = RelayTarget.parseList(options.string("relays"));
    this.catalogs = new SignedCatalog(material, options.string("server"), options.integer("plain"));
    // The relays' certificates name the addresses the load hosts dial: checked as an agent would.
    JdkClientTls tls = TlsContexts.forJdkClient(material, Role.RELAY);
    HttpClient client = BenchHttp.client(tls, Duration.ofSeconds(10)).build();
    this.downloads =
        new ResumableDownload(client, watchdog, options.integer("port"), options.string("site"));
  }

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    DownloadLoadHost host = new DownloadLoadHost(options);
    long end = System.nanoTime() + Duration.ofSeconds(options.integer("seconds")).toNanos();
    int pauseMillis = options.integer("pauseMillis", 1000);
    int workers = options.integer("workers", 2);
    ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor();
    refresh.scheduleWithFixedDelay(
        host::refreshCatalog, 0, CATALOG_REFRESH.toSeconds(), TimeUnit.SECONDS);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    for (int w = 0; w < workers; w++) {
      pool.execute(() -> host.work(end, pauseMillis));
    }
    pool.shutdown();
    pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    refresh.shutdownNow();
    host.watchdog.shutdownNow();
    System.out.println(host.counters.resultLine());
    System.exit(0); // HttpClient's selector threads would keep the JVM up a while
  }

  /** A new catalog through the next relay that gives a verified one. */
  private void refreshCatalog() {
    List<RelayTarget> order = new ArrayList<>(relays);
    Collections.shuffle(order);
    for (RelayTarget relay : order) {
      try {
        Catalog fresh = catalogs.fetch(relay);
        Catalog before = catalog.getAndSet(fresh);
        counters.increment("catalog.fetched");
        if (before == null || before.version() < fresh.version()) {
          System.out.printf(
              "%tT catalog version %d: %d files%n",
              System.currentTimeMillis(), fresh.version(), fresh.files().size());
        }
        return;
      } catch (IOException e) {
        counters.increment("catalog.failed");
        log("catalog through " + relay.name() + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void work(long end, int pauseMillis) {
    try {
      while (System.nanoTime() < end) {
        Catalog current = catalog.get();
        if (current == null || current.files().isEmpty()) {
          Thread.sleep(1000);
          continue;
        }
        download(current.files().get(ThreadLocalRandom.current().nextInt(current.files().size())));
        Thread.sleep(pauseMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void download(CatalogEntry entry) throws InterruptedException {
    List<RelayTarget> order = new ArrayList<>(relays);
    Collections.rotate(order, ThreadLocalRandom.current().nextInt(relays.size()));
    counters.increment("downloads.attempted");
    ResumableDownload.Outcome outcome =
        downloads.fetch(
            entry,
            order,
            System.nanoTime() + DOWNLOAD_DEADLINE.toNanos(),
            (relay, why) -> {
              counters.increment("attempts.failed." + relay.name());
              log(entry.name() + " through " + why);
            });
    counters.add("bytes.downloaded", outcome.bytes());
    if (outcome.resumes() > 0) {
      counters.increment("downloads.resumed");
    }
    if (outcome.verified()) {
      counters.increment("downloads.verified");
    } else if (outcome.corrupt()) {
      counters.increment("downloads.corrupt");
      report("CORRUPT " + entry.name() + ": " + outcome.failure());
    } else {
      counters.increment("downloads.failed");
      report(
          "FAILED "
              + entry.name()
              + " after "
              + outcome.attempts()
              + " attempts: "
              + outcome.failure());
    }
  }

  /** A failed attempt or catalog fetch: the first {@value #FAILURES_LOGGED} are printed. */
  private void log(String what) {
    if (failuresLogged.incrementAndGet() <= FAILURES_LOGGED) {
      report(what);
    }
  }

  /** A download that ended unverified: always printed. */
  private static void report(String what) {
    System.out.printf("%tT %s%n", System.currentTimeMillis(), what);
  }
}
