package io.relayagent.agent.events;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * One append-only file of event records, and what is known about it: how many of its records are
 * still queued, and the ids of removed events whose records it still holds (the state journal must
 * remember those, or a restart would bring them back).
 */
final class Segment implements Closeable {

  private final long number;
  private final Path path;
  private FileChannel channel;
  private long size;
  private int liveCount;
  private long liveBytes;
  private final Set<UUID> deadIds = new HashSet<>();

  private Segment(long number, Path path, FileChannel channel, long size) {
    this.number = number;
    this.path = path;
    this.channel = channel;
    this.size = size;
  }

  /** Opens an existing or new segment file; anything after {@code validSize} is cut off. */
  static Segment open(long number, Path path, long validSize) throws IOException {
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (channel.size() > validSize) {
      channel.truncate(validSize);
      channel.force(true);
    }
    return new Segment(number, path, channel, channel.size());
  }

  /** Appends a frame and forces it to disk; returns its offset. */
  long append(ByteBuffer frame) throws IOException {
    long offset = size;
    size = RecordFrames.appendForced(channel, offset, frame);
    return offset;
  }

  /** Reads {@code length} bytes at {@code offset}. */
  byte[] read(long offset, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw new IOException(path + " ends before offset " + (offset + length));
      }
    }
    return buffer.array();
  }

  /** Switches to the file that replaced this one (compaction); its size and dead ids are new. */
  void replaced(long newSize) throws IOException {
    channel.close();
    channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    size = newSize;
    deadIds.clear();
  }

  void added(QueuedEvent event) {
    liveCount++;
    liveBytes += event.frameBytes();
  }

  /** Notes a removed event whose record recovery found in this file. */
  void holdsRemoved(UUID id) {
    deadIds.add(id);
  }

  void removed(QueuedEvent event) {
    liveCount--;
    liveBytes -= event.frameBytes();
    deadIds.add(event.id());
  }

  long number() {
    return number;
  }

  Path path() {
    return path;
  }

  long size() {
    return size;
  }

  int liveCount() {
    return liveCount;
  }

  /** Bytes held by removed events and damaged regions: what compaction would give back. */
  long deadBytes() {
    return size - liveBytes;
  }

  Set<UUID> deadIds() {
    return deadIds;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
