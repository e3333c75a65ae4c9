package io.relayagent.agent.control;

import io.relayagent.agent.events.DurableEventQueue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the running agent's control socket is ({@code STATE_DIR/control.sock}), and how either end
 * reads from it: every read has a deadline, so a peer that connects and sends nothing (or stops
 * half-way) costs its own wait only, never anyone else's.
 */
public final class ControlSocket {
  /**
   * A request is one line: a command name, {@code proxy-set} with a proxy setting of up to 256
   * bypass entries, or {@code event-send} with an event's data of up to {@link
   * DurableEventQueue#MAX_DATA_BYTES} as a JSON string (valid JSON text at most doubles when
   * escaped: only quotes, backslashes and whitespace are escaped), and room for the other members.
   */
  static final int MAX_REQUEST_BYTES = 2 * DurableEventQueue.MAX_DATA_BYTES + 64 * 1024;

  /** Answers are at most this large. */
  static final int MAX_ANSWER_BYTES = 1 << 20;

  private ControlSocket() {}

  public static Path path(Path stateDirectory) {
    return stateDirectory.resolve("control.sock");
  }

  /**
   * Reads until {@code stop} says the bytes just read end the message, or the peer closes, within
   * {@code deadline} and {@code maxBytes}.
   *
   * @throws SocketTimeoutException if the deadline passes first
   * @throws IOException if more than {@code maxBytes} arrive
   */
  static byte[] read(SocketChannel channel, int maxBytes, Duration deadline, Complete stop)
      throws IOException {
    long end = System.nanoTime() + deadline.toNanos();
    channel.configureBlocking(false);
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try (Selector selector = Selector.open()) {
      channel.register(selector, SelectionKey.OP_READ);
      while (true) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException(
              "no complete message within " + deadline.toSeconds() + " s");
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        int read = channel.read(buffer);
        if (read < 0) {
          return received.toByteArray();
        }
        buffer.flip();
        received.write(buffer.array(), 0, buffer.limit());
        if (received.size() > maxBytes) {
          throw new IOException("more than " + maxBytes + " bytes");
        }
        // Only the bytes just read are looked at: a request of megabytes (an event) must not cost
        // a copy and a scan of everything so far at every read.
        if (stop.complete(buffer)) {
          return received.toByteArray();
        }
        buffer.clear();
      }
    }
  }

  /** Whether the bytes just read (position to limit) end the message. */
  interface Complete {
    boolean complete(ByteBuffer latest);
  }
}
