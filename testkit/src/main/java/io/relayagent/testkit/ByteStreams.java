package io.relayagent.testkit;

import io.relayagent.testkit.FakeUpstream.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** The stream side of {@link FakeUpstream}: what a tunnel carries, byte for byte. */
final class ByteStreams {

  private static final int CHUNK = 64 * 1024;

  private final long sourceBytes;
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final Object sinkGate = new Object();
  private boolean sinkReading = true;

  ByteStreams(long sourceBytes) {
    this.sourceBytes = sourceBytes;
  }

  /** The SHA-256 (hex) of what a SOURCE of {@code bytes} sends: seed 42, in 64 KiB chunks. */
  static String sourceDigest(long bytes) {
    MessageDigest digest = TestBytes.newSha256();
    Random random = new Random(42);
    byte[] chunk = new byte[CHUNK];
    for (long left = bytes; left > 0; left -= chunk.length) {
      random.nextBytes(chunk);
      digest.update(chunk, 0, (int) Math.min(chunk.length, left));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Reads and drops what comes until the peer (or the fake's close) ends the connection. */
  static void discard(InputStream in) throws IOException {
    byte[] buffer = new byte[4096];
    while (in.read(buffer) >= 0) {
      // nothing is answered
    }
  }

  long read() {
    return read.get();
  }

  long written() {
    return written.get();
  }

  void sinkReading(boolean reading) {
    synchronized (sinkGate) {
      sinkReading = reading;
      sinkGate.notifyAll();
    }
  }

  void serve(Mode mode, Socket socket) throws IOException, InterruptedException {
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    switch (mode) {
      case ECHO -> echo(in, out);
      case SOURCE -> source(out);
      case SINK -> sink(in, out);
      case CLOSES_AT_ONCE -> {}
      default -> throw new IllegalStateException(mode + " is not a stream mode");
    }
  }

  private void echo(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      read.addAndGet(n);
      out.write(buffer, 0, n);
      written.addAndGet(n);
    }
  }

  private void source(OutputStream out) throws IOException {
    Random random = new Random(42);
    byte[] chunk = new byte[CHUNK];
    for (long left = sourceBytes; left > 0; left -= chunk.length) {
      random.nextBytes(chunk);
      int n = (int) Math.min(chunk.length, left);
      out.write(chunk, 0, n);
      written.addAndGet(n);
    }
  }

  private void sink(InputStream in, OutputStream out) throws IOException, InterruptedException {
    MessageDigest digest = TestBytes.newSha256();
    byte[] buffer = new byte[16 * 1024];
    while (true) {
      synchronized (sinkGate) {
        while (!sinkReading) {
          sinkGate.wait();
        }
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
}
