package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.agent.control.ControlClient;
import io.relayagent.agent.control.ControlRequest;
import io.relayagent.agent.control.ControlServer;
import io.relayagent.agent.events.DurableEventQueue;
import io.relayagent.config.EventQueuePolicy;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlEvent;
import io.relayagent.protocol.control.ControlEventQueued;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code event-send} over a real control socket, into a real queue. */
class ProductEventsTest {

  @TempDir Path dir;
  private DurableEventQueue queue;
  private ControlServer server;

  @BeforeEach
  void open() throws IOException {
    queue =
        DurableEventQueue.open(
            dir.resolve("queue"), EventQueuePolicy.defaults(), new MutableClock());
    ProductEvents events = new ProductEvents(queue);
    server =
        ControlServer.start(
            Files.createDirectories(dir.resolve("state")),
            line -> {
              try {
                return ProtocolJson.writeString(events.send(ControlRequest.parse(line)));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  @AfterEach
  void close() throws IOException {
    server.close();
    queue.close();
  }

  @Test
  void send_largestEventAllEscaped_crossesTheControlLineAndIsQueuedByteForByte()
      throws IOException {
    // Every character of this JSON is escaped on the control line: the request is twice as long.
    int pairs = (DurableEventQueue.MAX_DATA_BYTES - 2) / 2;
    String data = "\"" + "\\\"".repeat(pairs) + "\"";

    ControlEventQueued queued =
        send(new ControlEvent(EventType.STATUS, EventPriority.HIGH, data, null));

    assertThat(queued.queueDepth()).isEqualTo(1);
    assertThat(queue.nextBatch().orElseThrow().events())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.id()).isEqualTo(queued.id());
              assertThat(event.data()).isEqualTo(data);
            });
  }

  @Test
  void send_eventPastTheLimit_isRefusedAndNothingQueued() {
    String data = "\"" + "a".repeat(DurableEventQueue.MAX_DATA_BYTES - 1) + "\"";

    assertThatThrownBy(
            () -> send(new ControlEvent(EventType.STATUS, EventPriority.HIGH, data, null)))
        .isInstanceOf(ControlClient.RefusedException.class)
        .hasMessageContaining("event refused")
        .hasMessageContaining("2097152 bytes");
    assertThat(queue.depth()).isZero();
  }

  @Test
  void send_sampleByRelativePath_isRefused() throws IOException {
    Files.write(dir.resolve("sample.bin"), new byte[] {1, 2, 3});

    assertThatThrownBy(
            () -> send(new ControlEvent(EventType.SAMPLE, EventPriority.LOW, null, "sample.bin")))
        .isInstanceOf(ControlClient.RefusedException.class)
        .hasMessageContaining("must be absolute");
    assertThat(queue.depth()).isZero();
  }

  @Test
  void send_sample_queuesTheFileAsASampleEvent() throws IOException {
    Path sample = Files.write(dir.resolve("sample.bin"), new byte[] {1, 2, 3});

    send(new ControlEvent(EventType.SAMPLE, EventPriority.LOW, null, sample.toString()));

    assertThat(queue.nextBatch().orElseThrow().events())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(EventType.SAMPLE);
              assertThat(event.data()).contains("\"name\":\"sample.bin\"", "\"size\":3");
            });
  }

  private ControlEventQueued send(ControlEvent event) throws IOException {
    return ControlClient.ask(
        dir.resolve("state"),
        ControlRequest.of(ControlCommands.EVENT_SEND, event),
        ControlEventQueued.class);
  }
}
