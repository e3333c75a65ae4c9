package io.relayagent.mesh.discovery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.relayagent.mesh.logging.CappedLog;
import io.relayagent.sitelist.IpLiterals;
import java.net.InetAddress;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Logs a dropped packet once per source and reason, not once per packet, so a noisy or hostile host
 * cannot flood the log. The memory is bounded and forgets after {@code quietPeriod}, after which
 * the next drop is logged again. Many (or spoofed) sources share one {@link CappedLog} on top: at
 * most {@value #MAX_LINES_PER_MINUTE} lines a minute, the rest counted in a summary.
 */
final class OncePerSourceLog {

  private record Key(InetAddress source, Object reason) {}

  static final int MAX_LINES_PER_MINUTE = 20;

  private final CappedLog log;
  private final Cache<Key, Boolean> logged;

  OncePerSourceLog(Logger log, Duration quietPeriod, Ticker ticker) {
    this.log =
        new CappedLog(
            log, "dropped-packet lines", MAX_LINES_PER_MINUTE, Duration.ofMinutes(1), ticker);
    this.logged =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(quietPeriod)
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  /** Logs at WARN unless this source was already logged for this reason; returns whether it did. */
  boolean warn(InetAddress source, Object reason, String message) {
    if (logged.asMap().putIfAbsent(new Key(source, reason), Boolean.TRUE) != null) {
      return false;
    }
    return log.warn(
        "{} from {} (further ones from this source are not logged)",
        message,
        IpLiterals.format(source));
  }
}
