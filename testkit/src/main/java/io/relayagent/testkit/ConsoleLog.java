package io.relayagent.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the code under test logs, as an administrator would read it: while open, everything written
 * to {@code System.err} (where slf4j-simple, the modules' test logger, writes) is kept instead of
 * printed, so a test that damages a file hundreds of times neither floods its report nor misses a
 * line. slf4j-simple looks {@code System.err} up at every line, so lines logged from any thread are
 * caught.
 *
 * <pre>{@code
 * try (ConsoleLog log = ConsoleLog.capture()) {
 *   EventStore.open(dir).close();
 *   assertThat(log.lines()).noneMatch(line -> line.contains("interrupted by a crash"));
 * }
 * }</pre>
 */
public final class ConsoleLog implements AutoCloseable {

  private final PrintStream original;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

  private ConsoleLog(PrintStream original) {
    this.original = original;
  }

  /** Starts keeping what is written to {@code System.err}. */
  public static ConsoleLog capture() {
    ConsoleLog log = new ConsoleLog(System.err);
    System.setErr(new PrintStream(log.sink(), true, StandardCharsets.UTF_8));
    return log;
  }

  /** The lines written since {@link #capture()}. */
  public List<String> lines() {
    synchronized (kept) {
      return kept.toString(StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** The lines that contain {@code text}. */
  public List<String> linesWith(String text) {
    return lines().stream().filter(line -> line.contains(text)).toList();
  }

  /** Forgets what was kept so far, for a test that runs one step after another. */
  public void clear() {
    synchronized (kept) {
      kept.reset();
    }
  }

  @Override
  public void close() {
    System.err.flush();
    System.setErr(original);
  }

  private OutputStream sink() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (kept) {
          kept.write(b);
        }
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        synchronized (kept) {
          kept.write(bytes, offset, length);
        }
      }
    };
  }
}
