package io.relayagent.server.events;

import io.relayagent.files.RecordReader;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code events.log} from the start and keeps what is whole. A crash in the middle of an
 * append leaves a torn record at the end (a partial header or payload, or bytes whose checksum
 * fails); everything from the first such record on is cut off, after being copied aside to {@code
 * events.log.torn-<millis>}, so no byte is destroyed if something other than a crash caused it.
 * Nothing cut off was acknowledged: an append is acknowledged only once forced to disk.
 */
final class EventLogRecovery {
  private static final Logger log = LoggerFactory.getLogger(EventLogRecovery.class);

  private EventLogRecovery() {}

  /**
   * Hands each whole record's event to {@code each}, in order, then cuts off a torn tail.
   *
   * @return the length of the whole records: where the next append goes
   */
  static long recover(Path file, FileChannel channel, Consumer<StoredEvent> each)
      throws IOException {
    long end = scan(channel, each);
    long size = channel.size();
    if (end < size) {
      Path aside = file.resolveSibling(file.getFileName() + ".torn-" + System.currentTimeMillis());
      copyTail(channel, end, aside);
      channel.truncate(end);
      channel.force(true);
      log.warn(
          "{}: cut off {} bytes after the last whole record (at offset {}): an append"
              + " interrupted by a crash, never acknowledged; the bytes are kept in {}",
          file,
          size - end,
          end,
          aside);
    }
    return end;
  }

  /** The offset after the last whole record. */
  private static long scan(FileChannel channel, Consumer<StoredEvent> each) throws IOException {
    RecordReader records =
        new RecordReader(EventLogFormat.RECORDS, Channels.newInputStream(channel.position(0)));
    long offset = 0;
    for (byte[] payload = records.next(); payload != null; payload = records.next()) {
      StoredEvent event;
      try {
        event = ProtocolJson.read(payload, payload.length, StoredEvent.class);
      } catch (MalformedJsonException e) {
        return offset; // whole but not an event: taken as torn too, as every record after it
      }
      each.accept(event);
      offset = records.end();
    }
    return offset;
  }

  private static void copyTail(FileChannel channel, long from, Path aside) throws IOException {
    try (FileChannel out =
        FileChannel.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
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
