package io.relayagent.config;

/**
 * The bounds of the agent's durable event queue ({@code <eventQueue>}).
 *
 * @param maxEvents events kept at most; the oldest give way when more arrive
 * @param maxMiB disk space the queue may use, in MiB
 * @param batchSize events sent to the server in one request
 */
public record EventQueuePolicy(int maxEvents, int maxMiB, int batchSize) {

  public static final int DEFAULT_MAX_EVENTS = 100_000;
  public static final int DEFAULT_MAX_MIB = 256;
  public static final int DEFAULT_BATCH_SIZE = 500;

  public static EventQueuePolicy defaults() {
    return new EventQueuePolicy(DEFAULT_MAX_EVENTS, DEFAULT_MAX_MIB, DEFAULT_BATCH_SIZE);
  }

  /** The disk quota in bytes. */
  public long maxBytes() {
    return (long) maxMiB << 20;
  }
}
