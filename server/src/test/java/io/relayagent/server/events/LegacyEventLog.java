package io.relayagent.server.events;

import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes {@code events.log} as servers before the database did (one {@link EventLogFormat} record
 * per event), for the tests of its reader and of its import.
 */
public final class LegacyEventLog {
  private LegacyEventLog() {}

  /** Appends {@code events} to {@code dir/events.log}, creating both if need be. */
  public static Path append(Path dir, List<StoredEvent> events) throws IOException {
    Files.createDirectories(dir);
    Path log = dir.resolve(EventLogReader.LOG_FILE);
    for (StoredEvent event : events) {
      Files.write(log, encode(event), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    return log;
  }

  /** One event as a record of the log. */
  public static byte[] encode(StoredEvent event) {
    return EventLogFormat.RECORDS.frame(ProtocolJson.write(event)).array();
  }
}
