package io.relayagent.files;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record log's file: appends go to its end and are forced to disk before they return, so what an
 * append acknowledged survives a crash. If an append fails midway, the partly written bytes are cut
 * off again, so that the next append does not land after garbage; if even that fails, the file
 * refuses further appends until it is reopened, so a torn record can never end up in the middle.
 *
 * <p>It is a {@link RandomAccessFile}, not a {@code FileChannel}: an interrupted thread closes a
 * {@code FileChannel} for every thread, which would stop the log for an unrelated interrupt.
 *
 * <pre>{@code
 * try (AppendOnlyFile log = AppendOnlyFile.open(file, scan.intactEnd())) {
 *   long offset = log.append(format.frame(payload));
 * }
 * }</pre>
 */
public final class AppendOnlyFile implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(AppendOnlyFile.class);

  private final Path path;
  private final RandomAccessFile file;
  private long size;
  private boolean broken;
  private boolean closed;

  private AppendOnlyFile(Path path, RandomAccessFile file, long size) {
    this.path = path;
    this.file = file;
    this.size = size;
  }

  /**
   * Opens the file, creating it if needed; anything after {@code validBytes} is cut off, durably.
   */
  public static AppendOnlyFile open(Path path, long validBytes) throws IOException {
    RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
    try {
      if (file.length() > validBytes) {
        file.setLength(validBytes);
        file.getFD().sync();
      }
      return new AppendOnlyFile(path, file, file.length());
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /**
   * Appends {@code records} (one or more whole frames) and forces them to disk.
   *
   * @return the offset at which they start
   * @throws IOException if they cannot be written; then none of them is in the file
   */
  public synchronized long append(ByteBuffer records) throws IOException {
    if (closed || broken) {
      throw new IOException(
          path + (closed ? " is closed" : " could not be cut back after a failed append; restart"));
    }
    long offset = size;
    byte[] bytes = new byte[records.remaining()];
    records.duplicate().get(bytes);
    try {
      file.seek(offset);
      file.write(bytes);
      file.getFD().sync();
    } catch (IOException e) {
      cutBack(offset, e);
      throw e;
    }
    size = offset + bytes.length;
    return offset;
  }

  /**
   * Reads {@code length} bytes at {@code offset}.
   *
   * @throws IOException if the file ends before
   */
  public synchronized byte[] read(long offset, int length) throws IOException {
    byte[] bytes = new byte[length];
    try {
      file.seek(offset);
      file.readFully(bytes);
    } catch (EOFException e) {
      throw new IOException(path + " ends before offset " + (offset + length), e);
    }
    return bytes;
  }

  /** The offset of the next append: the end of the last whole record. */
  public synchronized long size() {
    return size;
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      try {
        file.getFD().sync();
      } finally {
        file.close();
      }
    }
  }

  private void cutBack(long offset, IOException cause) {
    try {
      file.setLength(offset);
      file.getFD().sync();
    } catch (IOException e) {
      broken = true;
      cause.addSuppressed(e);
      log.error("{}: cannot cut back a failed append; no more appends until restart", path, e);
    }
  }
}
