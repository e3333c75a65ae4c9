package io.relayagent.mesh.logging;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * A global cap on lines that a remote party can cause: at most {@code maxLines} lines per {@code
 * interval}, whatever their sources. Past the cap lines are counted, not written, and the first
 * line of a later interval is preceded by one summary ({@code "N more ... suppressed"}). Per source
 * limits alone do not hold against a flood from many (or spoofed) sources.
 *
 * <pre>{@code
 * CappedLog handshakes = new CappedLog(log, "failed TLS handshakes", 20, Duration.ofMinutes(1), ticker);
 * handshakes.warn("TLS handshake with {} failed: {}", address, reason);
 * }</pre>
 */
public final class CappedLog {

  private final Logger log;
  private final String what;
  private final int maxLines;
  private final long intervalNanos;
  private final Duration interval;
  private final Ticker ticker;
  private long intervalStart;
  private int written;
  private long suppressed;

  /**
   * @param what names the lines in the summary ("malformed discovery packets")
   */
  public CappedLog(Logger log, String what, int maxLines, Duration interval, Ticker ticker) {
    this.log = Objects.requireNonNull(log, "log");
    this.what = Objects.requireNonNull(what, "what");
    if (maxLines < 1) {
      throw new IllegalArgumentException("maxLines must be at least 1: " + maxLines);
    }
    this.maxLines = maxLines;
    this.interval = interval;
    this.intervalNanos = interval.toNanos();
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.intervalStart = ticker.read();
  }

  /** Writes a WARN line unless the cap is reached; returns whether it was written. */
  public boolean warn(String format, Object... arguments) {
    if (!take()) {
      return false;
    }
    log.warn(format, arguments);
    return true;
  }

  /** Writes an INFO line unless the cap, shared with {@link #warn}, is reached. */
  public boolean info(String format, Object... arguments) {
    if (!take()) {
      return false;
    }
    log.info(format, arguments);
    return true;
  }

  /** How many lines were suppressed and not yet summarised. */
  public synchronized long suppressed() {
    return suppressed;
  }

  /** Whether a line may be written now; writes the summary of the last interval first. */
  private synchronized boolean take() {
    long now = ticker.read();
    if (now - intervalStart >= intervalNanos) {
      if (suppressed > 0) {
        log.warn(
            "{} more {} suppressed (at most {} logged per {} s)",
            suppressed,
            what,
            maxLines,
            interval.toSeconds());
      }
      intervalStart = now;
      written = 0;
      suppressed = 0;
    }
    if (written < maxLines) {
      written++;
      return true;
    }
    suppressed++;
    return false;
  }

  /** What to print for a failure: its message, or its class when it carries none. */
  public static String describe(Throwable failure) {
    String message = failure.getMessage();
    String name = failure.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }
}
