package io.relayagent.agent.events;

import io.relayagent.config.EventQueuePolicy;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's durable event queue: detections, status reports and samples wait here, on disk, until
 * the server acknowledges them. See {@code docs/event-queue.md} for the files.
 *
 * <ul>
 *   <li><b>Durable</b>: {@code enqueue} returns only once the event is written and forced to disk
 *       (fsync); after that it survives a crash or power loss, and is sent until acknowledged.
 *   <li><b>Batches</b>: {@link #nextBatch} returns the same batch (id and events) until it is
 *       acknowledged, across restarts too. Events go highest priority first, oldest first within a
 *       priority, up to the policy's batch size and 4 MiB.
 *   <li><b>Full queue</b> (over {@code maxEvents} or {@code maxBytes} of records): the oldest
 *       events of the lowest priority are dropped first; an event is never dropped to make room for
 *       one of lower priority; the new event itself gives way instead. Drops are counted and logged
 *       once per burst. {@code enqueue} never waits for room.
 *   <li><b>Threads</b>: every method is thread-safe. Sending happens outside the queue's lock (see
 *       {@link EventUploader}), so detection threads never wait for the network.
 * </ul>
 *
 * <pre>{@code
 * try (DurableEventQueue queue = DurableEventQueue.open(dir, policy.eventQueue(), clock)) {
 *   queue.enqueue(EventType.DETECTION, EventPriority.HIGH, "{\"file\":\"/tmp/x\"}");
 *   new EventUploader(queue).sendAll(transport);
 * }
 * }</pre>
 */
public final class DurableEventQueue implements AutoCloseable {

  /** The most data one event may carry, as UTF-8. */
  public static final int MAX_DATA_BYTES = 2 << 20;

  /** The largest sample file sent; its data is about a third larger, in base64. */
  public static final int MAX_SAMPLE_BYTES = 1 << 20;

  /** The most event data one batch carries (a batch always carries at least one event). */
  static final long MAX_BATCH_BYTES = 4 << 20;

  private static final Logger log = LoggerFactory.getLogger(DurableEventQueue.class);

  private final EventStore store;
  private final EventQueuePolicy limits;
  private final Clock clock;
  private final FullQueuePolicy full;
  private final BatchReader batches;
  private boolean closed;

  private DurableEventQueue(EventStore store, EventQueuePolicy limits, Clock clock) {
    this.store = store;
    this.limits = limits;
    this.clock = clock;
    this.full = new FullQueuePolicy(store, limits, clock);
    this.batches = new BatchReader(store, full::lost);
  }

  /**
   * Opens (creating if needed) the queue in {@code dir}, recovering from whatever stopped it last.
   * A torn or damaged file costs only the damaged records, which are logged.
   *
   * @throws IOException if the directory cannot be used, or the queue is already open
   */
  public static DurableEventQueue open(Path dir, EventQueuePolicy limits, Clock clock)
      throws IOException {
    EventStore store = QueueRecovery.recover(dir, SegmentSet.targetBytes(limits.maxBytes()));
    DurableEventQueue queue = new DurableEventQueue(store, limits, clock);
    try {
      queue.full.trim();
      log.info("event queue {}: {} event(s), {} bytes", dir, queue.depth(), queue.bytes());
      return queue;
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Queues an event durably.
   *
   * @param data one JSON value (object, array, string, number, true, false or null), sent as is
   * @return the event's id; also when the full queue made this very event give way (it is then
   *     counted in {@link #dropped()})
   * @throws IllegalArgumentException if {@code data} is not a well-formed JSON value
   * @throws EventTooLargeException if {@code data} is over {@link #MAX_DATA_BYTES}
   * @throws IOException if the event could not be written; it is not queued
   */
  public String enqueue(EventType type, EventPriority priority, String data) throws IOException {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(priority, "priority");
    return add(
        type, priority, EventData.check(Objects.requireNonNull(data, "data"), MAX_DATA_BYTES));
  }

  /**
   * Queues a file as a {@link EventType#SAMPLE} event: its name, size, SHA-256 and base64 content,
   * read now.
   *
   * @throws EventTooLargeException if the file is over {@link #MAX_SAMPLE_BYTES}
   */
  public String enqueueSample(Path file, EventPriority priority) throws IOException {
    Objects.requireNonNull(priority, "priority");
    return add(EventType.SAMPLE, priority, SampleFile.read(file, MAX_SAMPLE_BYTES));
  }

  /**
   * As {@link #enqueue}, for a caller that must know the event is on disk (a product that hands its
   * event over and forgets it): empty when the full queue made this very event give way (then
   * counted in {@link #dropped()}), so that nothing is reported queued that is not.
   */
  public Optional<String> offer(EventType type, EventPriority priority, String data)
      throws IOException {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(priority, "priority");
    return append(
        type, priority, EventData.check(Objects.requireNonNull(data, "data"), MAX_DATA_BYTES));
  }

  /** As {@link #enqueueSample}, empty when the full queue made the sample give way. */
  public Optional<String> offerSample(Path file, EventPriority priority) throws IOException {
    Objects.requireNonNull(priority, "priority");
    return append(EventType.SAMPLE, priority, SampleFile.read(file, MAX_SAMPLE_BYTES));
  }

  private String add(EventType type, EventPriority priority, byte[] data) throws IOException {
    UUID id = UUID.randomUUID();
    append(id, type, priority, data);
    return id.toString();
  }

  private Optional<String> append(EventType type, EventPriority priority, byte[] data)
      throws IOException {
    UUID id = UUID.randomUUID();
    return append(id, type, priority, data) ? Optional.of(id.toString()) : Optional.empty();
  }

  private synchronized boolean append(UUID id, EventType type, EventPriority priority, byte[] data)
      throws IOException {
    checkOpen();
    int frameBytes = EventRecord.frameBytes(data.length);
    if (!full.makeRoom(priority, frameBytes)) {
      return false;
    }
    store.append(id, type, priority, clock.instant(), data);
    return true;
  }

  /**
   * The batch to send: the one in flight if there is one, else a new one; empty if nothing is
   * queued.
   */
  public synchronized Optional<Batch> nextBatch() throws IOException {
    checkOpen();
    return batches.next(limits.batchSize(), MAX_BATCH_BYTES);
  }

  /**
   * Removes the events of {@code batch} that the server acknowledged, durably. The rest stay queued
   * and go in the next batch. If none is acknowledged, the same batch is sent again.
   *
   * @return how many events left the queue
   */
  public synchronized int acknowledge(Batch batch, Set<String> acknowledgedIds) throws IOException {
    checkOpen();
    List<QueuedEvent> done = new ArrayList<>();
    for (Event event : batch.events()) {
      QueuedEvent queued = store.index().get(UUID.fromString(event.id()));
      if (queued != null && acknowledgedIds.contains(event.id())) {
        done.add(queued);
      }
    }
    if (!done.isEmpty()) {
      store.acknowledged(UUID.fromString(batch.batchId()), done);
      full.burstOver();
    }
    return done.size();
  }

  /** Events queued. */
  public synchronized long depth() {
    return store.index().size();
  }

  /** Bytes the queued events' records take (what {@code maxMiB} bounds). */
  public synchronized long bytes() {
    return store.index().bytes();
  }

  /**
   * Events dropped since the queue was opened: by the full-queue policy, or found damaged (when the
   * queue opened, or when a record no longer read back intact).
   */
  public synchronized long dropped() {
    return full.dropped() + store.damagedAtOpen();
  }

  /** Bytes the queue's files take on disk: records, removed records not yet reclaimed, journal. */
  synchronized long diskBytes() {
    return store.diskBytes();
  }

  int batchSize() {
    return limits.batchSize();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the event queue is closed");
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      full.burstOver();
      store.close();
    }
  }
}
