package io.relayagent.files;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads the records of a log from its start, one at a time, without holding the log in memory. The
 * first record that is not whole (a partial header or payload, an implausible length, bytes whose
 * checksum fails) ends the log: nothing after it is trusted, and {@link #end()} says where the
 * whole records stop.
 *
 * <pre>{@code
 * RecordReader reader = new RecordReader(format, Channels.newInputStream(channel.position(0)));
 * for (byte[] payload = reader.next(); payload != null; payload = reader.next()) { ... }
 * long whole = reader.end();
 * }</pre>
 */
public final class RecordReader {
  private final RecordFormat format;
  private final InputStream in;
  private long end;

  /** Reads from {@code in} (buffered here), which must be positioned at the log's start. */
  public RecordReader(RecordFormat format, InputStream in) {
    this.format = format;
    this.in = new BufferedInputStream(in, 1 << 16);
  }

  /**
   * The payload of the next whole record, or null at the end of the log or at a record that is not
   * whole.
   */
  public byte[] next() throws IOException {
    byte[] header = in.readNBytes(format.headerBytes());
    if (header.length < format.headerBytes()) {
      return null; // the end, or a torn header: either way nothing whole follows
    }
    int length = format.payloadLength(ByteBuffer.wrap(header));
    if (length < 0) {
      return null;
    }
    byte[] payload = in.readNBytes(length);
    if (payload.length != length || !format.checksumMatches(header, payload)) {
      return null;
    }
    end += header.length + length;
    return payload;
  }

  /** The offset just after the last whole record that {@link #next()} returned. */
  public long end() {
    return end;
  }
}
