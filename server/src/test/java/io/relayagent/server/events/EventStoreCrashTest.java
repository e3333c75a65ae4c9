package io.relayagent.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.json.RawJson;
import io.relayagent.server.ServerDirectory;
import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.server.store.Stores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process is killed ({@code SIGKILL}) while it appends, three times over on the same
 * SQLite database; after each kill the store opens with every acknowledged event exactly once, an
 * agent resending its acknowledged batches stores nothing, and new appends work.
 */
class EventStoreCrashTest {
  @TempDir Path dir;

  @Test
  void killedWhileAppending_everyAcknowledgedEventIsStoredExactlyOnce() throws Exception {
    List<List<String>> acknowledged = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      acknowledged.addAll(runAndKill(5 + round * 7));

      try (Stores stores = Stores.open(DatabaseSettings.sqliteIn(dir), new ServerDirectory(dir))) {
        EventStore store = stores.events();
        for (List<String> batch : acknowledged) {
          for (String id : batch) {
            assertThat(store.contains("agent-1", id)).as("acknowledged event %s", id).isTrue();
          }
          EventStore.Appended resent = store.append(events(batch));
          assertThat(resent.stored()).isZero();
        }
        long before = store.size();
        assertThat(store.append(EventStoreTest.batch("agent-1", 3)).stored()).isEqualTo(3);
        assertThat(store.size()).isEqualTo(before + 3);
      }
    }
  }

  /**
   * Starts a writer, waits for {@code batches} acknowledgements, kills it; what it acknowledged.
   */
  private List<List<String>> runAndKill(int batches) throws Exception {
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EventWriterProcess.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<List<String>> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acknowledged.size() < batches && (line = out.readLine()) != null) {
        acknowledgement(line).ifPresent(acknowledged::add);
      }
      writer.destroyForcibly(); // mid-append, most likely: the writer never pauses
      assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
      // Lines already printed were acknowledged too; whatever of them the pipe still holds counts.
      try {
        while ((line = out.readLine()) != null) {
          acknowledgement(line).ifPresent(acknowledged::add);
        }
      } catch (IOException e) {
        // The pipe went with the process: what was read is what is checked.
      }
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(batches);
    return acknowledged;
  }

  /** The ids of a whole {@code ACK} line; a line cut short by the kill acknowledged nothing. */
  private static Optional<List<String>> acknowledgement(String line) {
    if (!line.startsWith("ACK ")) {
      return Optional.empty();
    }
    List<String> ids = List.of(line.substring(4).split(","));
    boolean whole = ids.size() == 40 && ids.stream().allMatch(id -> id.length() == 36);
    return whole ? Optional.of(ids) : Optional.empty();
  }

  private static List<StoredEvent> events(List<String> ids) {
    List<StoredEvent> events = new ArrayList<>();
    ids.forEach(id -> events.add(EventStoreTest.event(id, "agent-1", new RawJson("null"))));
    return events;
  }
}
