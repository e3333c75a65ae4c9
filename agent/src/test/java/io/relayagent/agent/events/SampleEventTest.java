package io.relayagent.agent.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.config.EventQueuePolicy;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.agent.SampleData;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleEventTest {

  private static final EventQueuePolicy LIMITS = new EventQueuePolicy(100, 16, 10);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

  @Test
  void enqueueSample_carriesNameSizeHashAndContent() throws IOException, NoSuchAlgorithmException {
    byte[] content = new byte[DurableEventQueue.MAX_SAMPLE_BYTES];
    new Random(7).nextBytes(content);
    Path file = Files.write(dir.resolve("suspicious \"dropper\".exe"), content);

    try (DurableEventQueue queue = DurableEventQueue.open(dir.resolve("queue"), LIMITS, clock)) {
      queue.enqueueSample(file, EventPriority.NORMAL);
      Files.delete(file);
      Event event = queue.nextBatch().orElseThrow().events().get(0);

      assertThat(event.type()).isEqualTo(EventType.SAMPLE);
      SampleData data = ProtocolJson.read(event.data(), 4 << 20, SampleData.class);
      assertThat(data.name()).isEqualTo("suspicious \"dropper\".exe");
      assertThat(data.size()).isEqualTo(content.length);
      assertThat(data.sha256())
          .isEqualTo(
              HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
      assertThat(Base64.getDecoder().decode(data.content())).isEqualTo(content);
    }
  }

  @Test
  void enqueueSample_overTheLimitRefusedWithAClearMessage() throws IOException {
    Path file =
        Files.write(dir.resolve("big.bin"), new byte[DurableEventQueue.MAX_SAMPLE_BYTES + 1]);

    try (DurableEventQueue queue = DurableEventQueue.open(dir.resolve("queue"), LIMITS, clock)) {
      assertThatThrownBy(() -> queue.enqueueSample(file, EventPriority.NORMAL))
          .isInstanceOf(EventTooLargeException.class)
          .hasMessage(
              "sample " + file + " is 1048577 bytes; samples of at most 1048576 bytes are sent");
      assertThat(queue.depth()).isZero();
    }
  }

  @Test
  void enqueueSample_largerThanTheQueueQuotaRefused() throws IOException {
    Path file = Files.write(dir.resolve("big.bin"), new byte[900_000]);

    try (DurableEventQueue queue =
        DurableEventQueue.open(dir.resolve("queue"), new EventQueuePolicy(100, 1, 10), clock)) {
      assertThatThrownBy(() -> queue.enqueueSample(file, EventPriority.NORMAL))
          .isInstanceOf(EventTooLargeException.class);
      assertThat(queue.depth()).isZero();
    }
  }
}
