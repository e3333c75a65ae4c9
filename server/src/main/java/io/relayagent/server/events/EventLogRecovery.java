package io.relayagent.server.events;

import io.relayagent.files.FileAccess;
import io.relayagent.files.RecordScanner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code events.log} from the start and keeps every intact record. Damage costs only the
 * damaged records ({@link EventLogReader}, {@link RecordScanner}): a record in the middle that
 * fails its checksum (a flipped bit, a bad block) or is not an event is skipped, counted and logged
 * with its offset, and the records after it are kept; its bytes stay where they are. What follows
 * the last intact record is cut off after being copied aside: a torn tail ({@code
 * events.log.torn-<millis>}) is an append a crash interrupted, never acknowledged, since an append
 * is acknowledged only once forced to disk; a damaged last record ({@code
 * events.log.damaged-<millis>}) may have been acknowledged, and is counted with the damaged ones.
 */
final class EventLogRecovery {
  private static final Logger log = LoggerFactory.getLogger(EventLogRecovery.class);

  private EventLogRecovery() {}

  /** Where the next append goes, and the offsets of the records that damage cost. */
  record Recovered(long end, List<Long> damagedOffsets) {
    Recovered {
      damagedOffsets = List.copyOf(damagedOffsets);
    }
  }

  /** Hands each intact record's event to {@code each}, in order, then cuts off the tail. */
  static Recovered recover(Path file, FileChannel channel, Consumer<StoredEvent> each)
      throws IOException {
    EventLogReader.Read read = EventLogReader.read(channel, each);
    RecordScanner.Scan scan = read.scan();
    if (scan.tail() != RecordScanner.Tail.NONE) {
      cutTail(file, channel, scan);
    }
    return new Recovered(scan.intactEnd(), read.damagedOffsets());
  }

  private static void cutTail(Path file, FileChannel channel, RecordScanner.Scan scan)
      throws IOException {
    boolean torn = scan.tail() == RecordScanner.Tail.TORN;
    Path aside =
        file.resolveSibling(
            file.getFileName() + (torn ? ".torn-" : ".damaged-") + System.currentTimeMillis());
    copyTail(channel, scan.intactEnd(), aside);
    channel.truncate(scan.intactEnd());
    channel.force(true);
    if (torn) {
      log.warn(
          "{}: cut off {} bytes of an incomplete last record (at offset {}): an append"
              + " interrupted by a crash, never acknowledged; the bytes are kept in {}",
          file,
          scan.tailBytes(),
          scan.intactEnd(),
          aside);
    } else {
      log.warn(
          "{}: cut off the damaged last record, {} bytes at offset {}; the bytes are kept in {}",
          file,
          scan.tailBytes(),
          scan.intactEnd(),
          aside);
    }
  }

  private static void copyTail(FileChannel channel, long from, Path aside) throws IOException {
    try (FileChannel out =
        FileChannel.open(
            aside,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            FileAccess.PRIVATE.newFileAttributes(aside.getParent()))) {
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      long position = from;
      while (channel.read(buffer, position) > 0) {
        buffer.flip();
        position += buffer.remaining();
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        buffer.clear();
      }
      out.force(true);
    }
  }
}
