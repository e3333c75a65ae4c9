package io.relayagent.mesh.discovery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Token buckets: one per source address and one for all sources, so neither a single host nor a
 * storm from many can make the relay work without bound. The discovery responder limits the offers
 * it signs with it, the tunnel listener the enrollment requests it forwards.
 *
 * <p>Thread-safe (the IPv4 and IPv6 channels may run on different event loops).
 */
public final class SourceRateLimiter {

  private final Ticker ticker;
  private final double perSourceRate;
  private final double perSourceBurst;
  private final Cache<InetAddress, Bucket> perSource;
  private final Bucket total;

  /**
   * @param perSourcePerSecond steady answers per second to one source
   * @param perSourceBurst answers one source may get at once
   * @param totalPerSecond steady answers per second to all sources
   * @param totalBurst answers all sources may get at once
   */
  public SourceRateLimiter(
      double perSourcePerSecond,
      double perSourceBurst,
      double totalPerSecond,
      double totalBurst,
      Ticker ticker) {
    this.ticker = ticker;
    this.perSourceRate = perSourcePerSecond;
    this.perSourceBurst = perSourceBurst;
    this.perSource =
        Caffeine.newBuilder()
            .maximumSize(65_536)
            .expireAfterAccess(Duration.ofMinutes(1))
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
    this.total = new Bucket(totalPerSecond, totalBurst, ticker.read());
  }

  /** Whether {@code source} may be served now; takes a token from both buckets. */
  public synchronized boolean tryAcquire(InetAddress source) {
    long now = ticker.read();
    Bucket bucket = perSource.get(source, s -> new Bucket(perSourceRate, perSourceBurst, now));
    if (!bucket.hasToken(now) || !total.hasToken(now)) {
      return false;
    }
    bucket.take();
    total.take();
    return true;
  }

  private static final class Bucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long updated;

    Bucket(double perSecond, double burst, long now) {
      this.ratePerNano = perSecond / 1e9;
      this.burst = burst;
      this.tokens = burst;
      this.updated = now;
    }

    boolean hasToken(long now) {
      tokens = Math.min(burst, tokens + (now - updated) * ratePerNano);
      updated = now;
      return tokens >= 1;
    }

    void take() {
      tokens -= 1;
    }
  }
}
