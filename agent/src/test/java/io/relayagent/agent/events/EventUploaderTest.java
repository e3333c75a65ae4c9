package io.relayagent.agent.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.config.EventQueuePolicy;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sends over real HTTP to a server that stores each event once, as the management server does. */
class EventUploaderTest {

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private EventServer server;
  private HttpBatchTransport transport;
  private DurableEventQueue queue;

  @BeforeEach
  void start() throws IOException {
    server = new EventServer();
    transport = new HttpBatchTransport(server.uri(), "agent-1", Duration.ofSeconds(5));
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(1000, 1, 4), clock);
  }

  @AfterEach
  void stop() throws IOException {
    queue.close();
    server.close();
  }

  private Set<String> enqueue(int count) throws IOException {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < count; i++) {
      ids.add(queue.enqueue(EventType.DETECTION, EventPriority.NORMAL, "{\"n\":" + i + "}"));
    }
    return ids;
  }

  @Test
  void sendAll_deliversEveryEventInBatchesAndEmptiesTheQueue() throws Exception {
    Set<String> ids = enqueue(10);

    assertThat(new EventUploader(queue).sendAll(transport)).isEqualTo(10);

    assertThat(server.stored().keySet()).isEqualTo(ids);
    assertThat(server.batchIds()).hasSize(3).doesNotHaveDuplicates();
    assertThat(server.stored().values())
        .allSatisfy(stored -> assertThat(stored.type()).isEqualTo("detection"));
    assertThat(queue.depth()).isZero();
  }

  @Test
  void sendAll_serverDownKeepsEverythingForNextTime() throws Exception {
    Set<String> ids = enqueue(3);
    server.mode(EventServer.Mode.UNAVAILABLE);

    assertThatThrownBy(() -> new EventUploader(queue).sendAll(transport))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("503");
    assertThat(queue.depth()).isEqualTo(3);

    server.mode(EventServer.Mode.ACKNOWLEDGE);
    assertThat(new EventUploader(queue).sendAll(transport)).isEqualTo(3);
    assertThat(server.stored().keySet()).isEqualTo(ids);
  }

  @Test
  void sendAll_lostAnswerSendsTheSameBatchAgainAndTheServerStoresItOnce() throws Exception {
    Set<String> ids = enqueue(3);
    server.mode(EventServer.Mode.STORE_THEN_HANG);
    HttpBatchTransport impatient =
        new HttpBatchTransport(server.uri(), "agent-1", Duration.ofMillis(300));

    assertThatThrownBy(() -> new EventUploader(queue).sendAll(impatient))
        .isInstanceOf(IOException.class);
    server.mode(EventServer.Mode.ACKNOWLEDGE);
    server.release();
    assertThat(new EventUploader(queue).sendAll(transport)).isEqualTo(3);

    assertThat(server.received()).isEqualTo(6);
    assertThat(server.stored().keySet()).isEqualTo(ids);
    assertThat(server.batchIds()).hasSize(2).containsOnly(server.batchIds().get(0));
  }

  @Test
  void sendAll_partialAcknowledgementSendsTheRestInANewBatch() throws Exception {
    enqueue(4);
    server.acknowledgeAtMost(3);

    assertThat(new EventUploader(queue).sendAll(transport)).isEqualTo(4);
    assertThat(server.batchIds()).hasSize(2).doesNotHaveDuplicates();
    assertThat(server.received()).isEqualTo(5);
  }

  @Test
  void sendAll_nothingAcknowledgedIsAnErrorAndTheBatchStays() throws Exception {
    enqueue(2);
    server.acknowledgeAtMost(0);

    assertThatThrownBy(() -> new EventUploader(queue).sendAll(transport))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("acknowledged none");
    assertThat(queue.depth()).isEqualTo(2);
  }
}
