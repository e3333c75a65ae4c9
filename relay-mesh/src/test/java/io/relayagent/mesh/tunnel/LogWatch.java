package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Watches the log (slf4j-simple writes to {@code System.err}): tests read the lines their case
 * logged, and a test class fails if Netty's paranoid leak detector reported a leaked buffer while
 * it ran, instead of the report scrolling by unread.
 */
final class LogWatch implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  private final List<String> lines = new ArrayList<>();
  private final List<String> allLines = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private PrintStream original;

  @Override
  public void beforeAll(ExtensionContext context) {
    original = System.err;
    PrintStream out = original;
    System.setErr(
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                out.write(b);
                record(new byte[] {(byte) b}, 0, 1);
              }

              @Override
              public void write(byte[] bytes, int offset, int length) {
                out.write(bytes, offset, length);
                record(bytes, offset, length);
              }
            },
            true,
            StandardCharsets.UTF_8));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    synchronized (lines) {
      lines.clear();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      // Leaks are reported when a collected buffer is noticed at a later allocation.
      for (int i = 0; i < 5; i++) {
        System.gc();
        Thread.sleep(50);
        for (int j = 0; j < 100; j++) {
          ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
          probe.release();
        }
      }
      synchronized (lines) {
        assertThat(allLines.stream().filter(line -> line.contains("LEAK:")).toList())
            .as("Netty leak reports")
            .isEmpty();
      }
    } finally {
      System.setErr(original);
    }
  }

  /** Lines logged by the test running now that contain {@code text}. */
  List<String> linesContaining(String text) {
    synchronized (lines) {
      return lines.stream().filter(line -> line.contains(text)).toList();
    }
  }

  private void record(byte[] bytes, int offset, int length) {
    synchronized (lines) {
      partial.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
      int newline;
      while ((newline = partial.indexOf("\n")) >= 0) {
        String line = partial.substring(0, newline);
        lines.add(line);
        allLines.add(line);
        partial.delete(0, newline + 1);
      }
    }
  }
}
