package io.relayagent.agent.events;

import io.relayagent.files.AppendOnlyFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
  private AppendOnlyFile file;
  private int liveCount;
  private long liveBytes;
  private final Set<UUID> deadIds = new HashSet<>();

  private Segment(long number, Path path, AppendOnlyFile file) {
    this.number = number;
    this.path = path;
    this.file = file;
  }

  /** Opens an existing or new segment file; anything after {@code validSize} is cut off. */
  static Segment open(long number, Path path, long validSize) throws IOException {
    return new Segment(number, path, AppendOnlyFile.open(path, validSize));
  }

  /** Appends a frame and forces it to disk; returns its offset. */
  long append(ByteBuffer frame) throws IOException {
    return file.append(frame);
  }

  /** Reads {@code length} bytes at {@code offset}. */
  byte[] read(long offset, int length) throws IOException {
    return file.read(offset, length);
  }

  /** Switches to the file that replaced this one (compaction); its size and dead ids are new. */
  void replaced(long newSize) throws IOException {
    file.close();
    file = AppendOnlyFile.open(path, newSize);
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
    return file.size();
  }

  int liveCount() {
    return liveCount;
  }

  /** Bytes held by removed events and damaged regions: what compaction would give back. */
  long deadBytes() {
    return file.size() - liveBytes;
  }

  Set<UUID> deadIds() {
    return deadIds;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
