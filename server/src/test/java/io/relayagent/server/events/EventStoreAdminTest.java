package io.relayagent.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.admin.EventStoreStatus;
import io.relayagent.server.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administrator sees what damage to the event log cost: {@code GET /admin/v1/events}. */
class EventStoreAdminTest {
  @TempDir Path dir;
  private ServerFixture fixture;

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void events_damagedRecordInTheLog_isShownToTheAdministrator() throws Exception {
    fixture = ServerFixture.prepare(dir);
    Path events = fixture.settings().directory().events();
    List<StoredEvent> stored = EventStoreTest.batch("agent-1", 4);
    Path log = LegacyEventLog.append(events, stored);
    byte[] bytes = Files.readAllBytes(log);
    long second = LegacyEventLog.encode(stored.get(0)).length;
    bytes[(int) second + 10] ^= 0x02;
    Files.write(log, bytes);

    fixture.start();

    assertThat(fixture.admin().events()).isEqualTo(new EventStoreStatus(3L, List.of(second)));
  }
}
