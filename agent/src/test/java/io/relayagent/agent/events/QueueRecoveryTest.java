package io.relayagent.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.config.EventQueuePolicy;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.testkit.BitFlips;
import io.relayagent.testkit.MutableClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue opens after any damage to its files and loses only the damaged records. */
class QueueRecoveryTest {

  private static final EventQueuePolicy LIMITS = new EventQueuePolicy(1000, 1, 100);
  private static final String DATA = "{\"detection\":\"eicar\",\"n\":%d}";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  @AutoClose private DurableEventQueue queue;

  private Path segment() {
    return dir.resolve("events-0000000000000000001.log");
  }

  /** Queues events 0..count-1 and closes the queue; returns each record's frame length. */
  private int queueAndClose(int count) throws IOException {
    queue = DurableEventQueue.open(dir, LIMITS, clock);
    for (int i = 0; i < count; i++) {
      queue.enqueue(EventType.DETECTION, EventPriority.HIGH, String.format(DATA, i));
    }
    queue.close();
    queue = null;
    return EventRecord.frameBytes(String.format(DATA, 0).length());
  }

  private List<String> reopenAndSend() throws IOException {
    queue = DurableEventQueue.open(dir, LIMITS, clock);
    List<String> data = new ArrayList<>();
    queue.nextBatch().ifPresent(batch -> batch.events().forEach(event -> data.add(event.data())));
    return data;
  }

  /**
   * Queues events 0..count-1, sends them in a batch of which the server acknowledges event 1 only,
   * and forms the next batch of the others, which is returned, in flight.
   */
  private Batch acknowledgeOneAndFormAnother(int count) throws IOException {
    queue = DurableEventQueue.open(dir, LIMITS, clock);
    for (int i = 0; i < count; i++) {
      queue.enqueue(EventType.DETECTION, EventPriority.HIGH, String.format(DATA, i));
    }
    Batch batch = queue.nextBatch().orElseThrow();
    queue.acknowledge(batch, Set.of(batch.events().get(1).id()));
    return queue.nextBatch().orElseThrow();
  }

  private static List<String> events(int... numbers) {
    return Arrays.stream(numbers).mapToObj(n -> String.format(DATA, n)).toList();
  }

  @Test
  void tornTail_halfARecordIsCutOffAndEarlierEventsKept() throws IOException {
    int frame = queueAndClose(3);
    long intact = Files.size(segment());
    byte[] third = Arrays.copyOfRange(Files.readAllBytes(segment()), 2 * frame, 3 * frame);
    Files.write(segment(), Arrays.copyOf(third, frame / 2), StandardOpenOption.APPEND);

    try (LogCapture log = new LogCapture()) {
      queue = DurableEventQueue.open(dir, LIMITS, clock);
      assertThat(log.messages()).anyMatch(m -> m.contains("cut " + frame / 2 + " bytes of torn"));
    }
    assertThat(queue.depth()).isEqualTo(3);
    assertThat(queue.dropped()).as("a torn append held no queued event").isZero();
    assertThat(Files.size(segment())).isEqualTo(intact);
    queue.enqueue(EventType.STATUS, EventPriority.HIGH, String.format(DATA, 3));
    queue.close();
    try (LogCapture log = new LogCapture()) {
      assertThat(reopenAndSend()).isEqualTo(events(0, 1, 2, 3));
      assertThat(log.messages()).noneMatch(m -> m.contains("torn"));
    }
  }

  @Test
  void garbageTail_randomBytesAreCutOffAndNewEventsWork() throws IOException {
    int frame = queueAndClose(2);
    byte[] garbage = new byte[5000];
    new Random(42).nextBytes(garbage);
    Files.write(segment(), garbage, StandardOpenOption.APPEND);
    Files.write(dir.resolve("state.log"), Arrays.copyOf(garbage, 77), StandardOpenOption.APPEND);

    queue = DurableEventQueue.open(dir, LIMITS, clock);
    assertThat(queue.depth()).isEqualTo(2);
    assertThat(Files.size(segment())).isEqualTo(2L * frame);
    assertThat(dir.resolve("state.log")).isEmptyFile();
    queue.enqueue(EventType.STATUS, EventPriority.HIGH, String.format(DATA, 2));
    queue.close();
    assertThat(reopenAndSend()).isEqualTo(events(0, 1, 2));
  }

  @Test
  void damagedMiddleRecord_isSkippedAndTheOthersKept() throws IOException {
    int frame = queueAndClose(3);
    flipByte(segment(), frame + frame / 2);

    try (LogCapture log = new LogCapture()) {
      assertThat(reopenAndSend()).isEqualTo(events(0, 2));
      assertThat(log.messages())
          .anyMatch(m -> m.contains("skipped 1 damaged region(s), " + frame + " bytes"));
    }
    assertThat(queue.dropped()).isEqualTo(1);
  }

  @Test
  void open_oneFlippedBitAnywhere_costsThatEventAndCountsItAsDropped() throws IOException {
    int count = 4;
    int frame = queueAndClose(count);
    byte[] pristine = Files.readAllBytes(segment());
    byte[] journal = Files.readAllBytes(dir.resolve("state.log"));
    for (int at = 0; at < count * frame; at++) {
      byte[] damaged = pristine.clone();
      damaged[at] ^= (byte) (1 << (at % 8));
      Files.write(segment(), damaged);
      Files.write(dir.resolve("state.log"), journal);
      int hit = at / frame;

      List<String> sent;
      List<String> lines;
      try (LogCapture log = new LogCapture()) {
        sent = reopenAndSend();
        lines = log.messages();
      }

      List<String> expected = new ArrayList<>(events(0, 1, 2, 3));
      expected.remove(hit);
      assertThat(sent).as("bit flipped at %d", at).isEqualTo(expected);
      assertThat(queue.dropped()).as("bit flipped at %d", at).isEqualTo(1);
      assertThat(lines)
          .as("bit flipped at %d: said once, as damage", at)
          .singleElement()
          .asString()
          .contains(segment().toString())
          .contains(hit == count - 1 ? "damaged last record" : "skipped 1 damaged region");
      queue.close();
      queue = null;
    }
  }

  @Test
  void open_oneFlippedBitAnywhereInTheJournal_losesNoQueuedEvent_andDropsNone() throws IOException {
    acknowledgeOneAndFormAnother(4); // the second batch is in flight, never acknowledged
    queue.close();
    queue = null;
    byte[] segmentBytes = Files.readAllBytes(segment());
    byte[] journal = Files.readAllBytes(dir.resolve("state.log"));

    for (int at : BitFlips.positions(journal.length, 120)) {
      Files.write(segment(), segmentBytes);
      Files.write(dir.resolve("state.log"), BitFlips.flipped(journal, at));

      List<String> lines;
      List<String> sent;
      try (LogCapture log = new LogCapture()) {
        sent = reopenAndSend();
        lines = log.messages();
      }

      // A damaged acknowledgement brings its event back, to be sent again: the server stores
      // each event once, so that costs nothing. A queued event is never lost.
      assertThat(sent).as("bit flipped at %d", at).containsAll(events(0, 2, 3));
      assertThat(events(0, 1, 2, 3)).as("bit flipped at %d", at).containsAll(sent);
      assertThat(queue.dropped()).as("bit flipped at %d: the journal holds no event", at).isZero();
      assertThat(lines)
          .as("bit flipped at %d: damage, never a crash's torn write", at)
          .anyMatch(line -> line.contains("state.log") && line.contains("damaged"))
          .noneMatch(line -> line.contains("torn"));
      queue.close();
      queue = null;
    }
  }

  @Test
  void open_flippedBitInTheLastRecord_isCountedAsDropped_notTakenForATornTail() throws IOException {
    int frame = queueAndClose(3);
    flipByte(segment(), 3L * frame - 2);

    try (LogCapture log = new LogCapture()) {
      assertThat(reopenAndSend()).isEqualTo(events(0, 1));
      assertThat(log.messages()).anyMatch(m -> m.contains("damaged last record"));
      assertThat(log.messages()).noneMatch(m -> m.contains("torn"));
    }
    assertThat(queue.dropped()).isEqualTo(1);
  }

  @Test
  void damagedLengthField_theNextRecordIsFoundAgain() throws IOException {
    int frame = queueAndClose(3);
    flipByte(segment(), frame + 5);

    assertThat(reopenAndSend()).isEqualTo(events(0, 2));
  }

  @Test
  void tornJournal_acknowledgedEventsStayGone() throws IOException {
    Batch second = acknowledgeOneAndFormAnother(3);
    queue.close();
    byte[] journal = Files.readAllBytes(dir.resolve("state.log"));
    // Half of the last record (the second batch) is lost, as if power failed while writing it.
    Files.write(dir.resolve("state.log"), Arrays.copyOf(journal, journal.length - 20));

    assertThat(reopenAndSend()).isEqualTo(events(0, 2));
    assertThat(queue.nextBatch().orElseThrow().batchId()).isNotEqualTo(second.batchId());
  }

  @Test
  void leftoverTemporaryFile_isRemoved() throws IOException {
    queueAndClose(1);
    Files.write(dir.resolve("state.log.tmp"), new byte[] {1, 2, 3});

    assertThat(reopenAndSend()).isEqualTo(events(0));
    assertThat(dir.resolve("state.log.tmp")).doesNotExist();
  }

  @Test
  void recordDamagedWhileOpen_isDroppedFromTheBatchAndCounted() throws IOException {
    queue = DurableEventQueue.open(dir, LIMITS, clock);
    queue.enqueue(EventType.DETECTION, EventPriority.HIGH, String.format(DATA, 0));
    queue.enqueue(EventType.DETECTION, EventPriority.HIGH, String.format(DATA, 1));
    flipByte(segment(), 40);

    try (LogCapture log = new LogCapture()) {
      Batch batch = queue.nextBatch().orElseThrow();
      assertThat(batch.events()).extracting(Event::data).isEqualTo(events(1));
      assertThat(log.messages()).anyMatch(m -> m.contains("no longer read back intact"));
    }
    assertThat(queue.dropped()).isEqualTo(1);
    assertThat(queue.depth()).isEqualTo(1);
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, at);
      one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
      channel.write(one, at);
    }
  }
}
