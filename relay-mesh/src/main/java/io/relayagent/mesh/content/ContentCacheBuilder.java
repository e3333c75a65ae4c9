package io.relayagent.mesh.content;

import io.relayagent.sitelist.SiteLists;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Settings of a {@link ContentCache}; {@link #siteLists} and the TLS trust are required. */
public final class ContentCacheBuilder {

  /** Below this, the metadata files alone could fill the quota. */
  public static final long MIN_QUOTA_BYTES = 64 * 1024;

  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
  public static final Duration DEFAULT_ERROR_RETRY = Duration.ofMinutes(1);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_HEADERS_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_THREADS = 8;

  private final Path directory;
  private final long quotaBytes;
  private Supplier<SiteLists> siteLists;
  private JdkClientTls tls;
  private Clock clock = Clock.systemUTC();
  private Duration maxAge = DEFAULT_MAX_AGE;
  private Duration errorRetry = DEFAULT_ERROR_RETRY;
  private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  private Duration headersTimeout = DEFAULT_HEADERS_TIMEOUT;
  private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
  private int threads = DEFAULT_THREADS;

  ContentCacheBuilder(Path directory, long quotaBytes) {
    this.directory = Objects.requireNonNull(directory, "directory");
    if (quotaBytes < MIN_QUOTA_BYTES) {
      throw new IllegalArgumentException(
          "the quota was " + quotaBytes + " bytes; it must be at least " + MIN_QUOTA_BYTES);
    }
    this.quotaBytes = quotaBytes;
  }

  /** The relay's SiteList, read at every request so that a new list applies at once. */
  public ContentCacheBuilder siteLists(Supplier<SiteLists> source) {
    this.siteLists = Objects.requireNonNull(source, "siteLists");
    return this;
  }

  /** TLS for upstream fetches; upstream must prove {@link Role#SERVER}. */
  public ContentCacheBuilder tls(JdkClientTls clientTls) {
    this.tls = Objects.requireNonNull(clientTls, "tls");
    return this;
  }

  /** TLS for upstream fetches from the relay's own trust material. */
  public ContentCacheBuilder trust(TrustSource relayMaterial) {
    return tls(TlsContexts.forJdkClient(relayMaterial, Role.SERVER));
  }

  /** The clock that decides when an object is stale. */
  public ContentCacheBuilder clock(Clock newClock) {
    this.clock = Objects.requireNonNull(newClock, "clock");
    return this;
  }

  /** How long an object is served after upstream last confirmed it, before it is revalidated. */
  public ContentCacheBuilder maxAge(Duration age) {
    this.maxAge = positive(age, "maxAge");
    return this;
  }

  /** How long a stale object is served as it is when revalidating it failed. */
  public ContentCacheBuilder errorRetry(Duration retry) {
    this.errorRetry = positive(retry, "errorRetry");
    return this;
  }

  public ContentCacheBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /** How long upstream may take to send the response headers. */
  public ContentCacheBuilder headersTimeout(Duration timeout) {
    this.headersTimeout = positive(timeout, "headersTimeout");
    return this;
  }

  /** How long upstream may send no body data before the fetch is abandoned. */
  public ContentCacheBuilder idleTimeout(Duration timeout) {
    this.idleTimeout = positive(timeout, "idleTimeout");
    return this;
  }

  /** Threads for lookups, file opens and upstream fetches. */
  public ContentCacheBuilder threads(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("threads was " + count + "; it must be at least 1");
    }
    this.threads = count;
    return this;
  }

  /** Opens the cache: makes the directory if needed and takes over the valid files in it. */
  public ContentCache open() throws IOException {
    Objects.requireNonNull(siteLists, "siteLists was not set");
    Objects.requireNonNull(tls, "tls (or trust) was not set");
    CacheDirectory cacheDirectory = CacheDirectory.open(directory);
    AtomicInteger counter = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "content-cache-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    UpstreamFetcher fetcher =
        new UpstreamFetcher(tls, workers, connectTimeout, headersTimeout, idleTimeout);
    try {
      // The largest object leaves room for its metadata; Caffeine weighs entries with an int.
      long maxObjectBytes = Math.min(quotaBytes, Integer.MAX_VALUE) - MetaFile.MAX_BYTES;
      ContentCounters counters = new ContentCounters();
      ObjectLoader loader =
          new ObjectLoader(
              cacheDirectory, fetcher, workers, clock, maxAge, maxObjectBytes, counters);
      ContentIndex index =
          new ContentIndex(cacheDirectory, quotaBytes, maintenanceExecutor(workers));
      CacheRecovery.Recovered recovered = CacheRecovery.recover(cacheDirectory, maxAge);
      index.addRecovered(recovered.objects());
      ContentLoads loads =
          new ContentLoads(
              index, new UpstreamLocator(siteLists), loader, clock, errorRetry, counters);
      return new ContentCache(
          cacheDirectory, index, loads, fetcher, workers, recovered.damaged(), counters);
    } catch (IOException | RuntimeException e) {
      fetcher.close();
      workers.shutdownNow();
      throw e;
    }
  }

  /** The workers; once they are shut down, Caffeine's last clean-ups run on the caller. */
  private static Executor maintenanceExecutor(ExecutorService workers) {
    return task -> {
      try {
        workers.execute(task);
      } catch (RejectedExecutionException e) {
        task.run();
      }
    };
  }

  private static Duration positive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " was " + value + "; it must be positive");
    }
    return value;
  }
}
