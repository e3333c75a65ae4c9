package io.relayagent.server.events;

import io.relayagent.files.RecordScanner;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads {@code events.log}, the event log of server directories from before the database, record by
 * record without changing it: the one decoding of its records, used when such a directory is
 * imported into the database ({@code store.LegacyImport}).
 *
 * <pre>{@code
 * EventLogReader.Read read = EventLogReader.read(dir.resolve(EventLogReader.LOG_FILE), stored::add);
 * read.damagedOffsets(); // records that damage cost
 * }</pre>
 */
public final class EventLogReader {
  /** The log's name in the {@code events/} directory of an older server directory. */
  public static final String LOG_FILE = "events.log";

  private static final RecordScanner SCANNER = new RecordScanner(EventLogFormat.RECORDS);

  private EventLogReader() {}

  /**
   * What a read found.
   *
   * @param scan where the intact records end and what follows them
   * @param damagedOffsets the offsets of the records that damage cost, in order: damaged regions in
   *     the middle, intact records that are not events, and a damaged (not torn) last record
   */
  public record Read(RecordScanner.Scan scan, List<Long> damagedOffsets) {
    public Read {
      damagedOffsets = List.copyOf(damagedOffsets);
    }
  }

  /**
   * Hands each intact record's event to {@code each}, in order; the file is opened to read only.
   */
  public static Read read(Path file, Consumer<StoredEvent> each) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(channel, each);
    }
  }

  static Read read(FileChannel channel, Consumer<StoredEvent> each) throws IOException {
    List<Long> damaged = new ArrayList<>();
    RecordScanner.Scan scan =
        SCANNER.scan(
            channel,
            (offset, length, payload) -> {
              byte[] bytes = new byte[payload.remaining()];
              payload.get(bytes);
              try {
                each.accept(ProtocolJson.read(bytes, bytes.length, StoredEvent.class));
              } catch (MalformedJsonException e) {
                damaged.add(offset); // intact but not an event: damage all the same
              }
            });
    scan.damaged().forEach(region -> damaged.add(region.offset()));
    if (scan.tail() == RecordScanner.Tail.DAMAGED) {
      damaged.add(scan.intactEnd());
    }
    damaged.sort(null);
    return new Read(scan, damaged);
  }
}
