package io.relayagent.mesh.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain TCP peer on loopback standing in for a site. It sees only what a tunnel carries, which
 * for a real agent is TLS ciphertext; these tests send their own bytes.
 */
final class FakeUpstream implements AutoCloseable {

  enum Mode {
    /** Writes back what it reads. */
    ECHO,
    /** Writes {@code size} pseudo-random bytes (seed 42) as fast as it can, then closes. */
    SOURCE,
    /** Reads to end of input, then answers the SHA-256 (hex) of what it read and closes. */
    SINK,
    /** Closes every connection at once. */
    TERMINATES
  }

  private final Mode mode;
  private final long size;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemon());
  final AtomicInteger accepted = new AtomicInteger();
  final AtomicLong written = new AtomicLong();
  final AtomicLong read = new AtomicLong();

  /** Connections whose serving ended (the peer closed, or this side finished). */
  final AtomicInteger finished = new AtomicInteger();

  /** Set to false to make a SINK stop reading (its TCP window then closes). */
  volatile boolean sinkReading = true;

  FakeUpstream(Mode mode) throws IOException {
    this(mode, 0);
  }

  FakeUpstream(Mode mode, long size) throws IOException {
    this.mode = mode;
    this.size = size;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
  }

  /** The SHA-256 of what a SOURCE sends. */
  static String sourceDigest(long size) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    Random random = new Random(42);
    byte[] chunk = new byte[64 * 1024];
    for (long left = size; left > 0; left -= chunk.length) {
      random.nextBytes(chunk);
      digest.update(chunk, 0, (int) Math.min(chunk.length, left));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        accepted.incrementAndGet();
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream()) {
      switch (mode) {
        case ECHO -> {
          byte[] buffer = new byte[16 * 1024];
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            read.addAndGet(n);
            out.write(buffer, 0, n);
            written.addAndGet(n);
          }
        }
        case SOURCE -> {
          Random random = new Random(42);
          byte[] chunk = new byte[64 * 1024];
          for (long left = size; left > 0; left -= chunk.length) {
            random.nextBytes(chunk);
            int n = (int) Math.min(chunk.length, left);
            out.write(chunk, 0, n);
            written.addAndGet(n);
          }
        }
        case SINK -> {
          MessageDigest digest = MessageDigest.getInstance("SHA-256");
          byte[] buffer = new byte[16 * 1024];
          while (true) {
            if (!sinkReading) {
              Thread.sleep(10);
              continue;
            }
            int n = in.read(buffer);
            if (n < 0) {
              break;
            }
            read.addAndGet(n);
            digest.update(buffer, 0, n);
          }
          out.write(HexFormat.of().formatHex(digest.digest()).getBytes(StandardCharsets.US_ASCII));
        }
        case TERMINATES -> {}
      }
    } catch (Exception e) {
      // The peer went away: that is how many of these tests end.
    } finally {
      finished.incrementAndGet();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }

  static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "fake-peer");
      thread.setDaemon(true);
      return thread;
    };
  }
}
