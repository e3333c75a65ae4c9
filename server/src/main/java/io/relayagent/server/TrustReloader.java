package io.relayagent.server;

import io.relayagent.trust.LiveTrust;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks the server's trust files on a schedule, so that a {@code cert revoke}, {@code cert
 * renew} or {@code cert finish-rollover} in the CA directory applies to the next handshake without
 * a restart. A check compares file versions only, so it costs next to nothing when nothing changed.
 */
final class TrustReloader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TrustReloader.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "server-trust-reload");
            thread.setDaemon(true);
            return thread;
          });

  TrustReloader(LiveTrust trust, Duration interval) {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            trust.reloadIfChanged();
          } catch (RuntimeException e) {
            log.warn("re-reading the trust files failed; the previous ones stay in force", e);
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
