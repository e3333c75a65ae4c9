package io.relayagent.files;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The bytes a {@link RecordScanner} reads: a file in memory, or a file read through a window. */
interface FrameSource {

  long size() throws IOException;

  byte byteAt(long position) throws IOException;

  /** {@code length} bytes at {@code position}, which the caller knows to be inside the file. */
  byte[] read(long position, int length) throws IOException;

  /** A whole file in memory. */
  final class OfArray implements FrameSource {
    private final byte[] bytes;

    OfArray(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public byte byteAt(long position) {
      return bytes[(int) position];
    }

    @Override
    public byte[] read(long position, int length) {
      byte[] copy = new byte[length];
      System.arraycopy(bytes, (int) position, copy, 0, length);
      return copy;
    }
  }

  /**
   * A file read through a window of 64 KiB, so that the byte-by-byte search for the next intact
   * frame costs a read per window, not per byte.
   */
  final class OfChannel implements FrameSource {
    private static final int WINDOW = 1 << 16;

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private long windowStart = -1;

    OfChannel(FileChannel channel) throws IOException {
      this.channel = channel;
      this.size = channel.size();
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public byte byteAt(long position) throws IOException {
      return read(position, 1)[0];
    }

    @Override
    public byte[] read(long position, int length) throws IOException {
      if (length > WINDOW) {
        return readFully(position, length);
      }
      if (windowStart < 0
          || position < windowStart
          || position + length > windowStart + window.limit()) {
        window.clear().limit((int) Math.min(WINDOW, size - position));
        fill(window, position);
        windowStart = position;
      }
      byte[] bytes = new byte[length];
      window.get((int) (position - windowStart), bytes);
      return bytes;
    }

    private byte[] readFully(long position, int length) throws IOException {
      ByteBuffer buffer = ByteBuffer.allocate(length);
      fill(buffer, position);
      return buffer.array();
    }

    private void fill(ByteBuffer buffer, long position) throws IOException {
      long at = position;
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, at);
        if (read < 0) {
          throw new EOFException("the file ends before offset " + (position + buffer.limit()));
        }
        at += read;
      }
      buffer.flip();
    }
  }
}
