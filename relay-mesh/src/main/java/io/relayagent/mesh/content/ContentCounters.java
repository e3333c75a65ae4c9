package io.relayagent.mesh.content;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the content cache has saved: requests answered from the cache (hits) and those that waited
 * for upstream (misses), bytes sent to agents and bytes fetched from upstream. Their difference is
 * the upstream bandwidth the cache saved, as McAfee's relay statistics task reports it. {@link
 * LongAdder}s: requests on many event loops add without a lock.
 */
public final class ContentCounters {

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder served = new LongAdder();
  private final LongAdder fetched = new LongAdder();

  void hit() {
    hits.increment();
  }

  void miss() {
    misses.increment();
  }

  void served(long bytes) {
    served.add(bytes);
  }

  void fetched(long bytes) {
    fetched.add(bytes);
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** Content bytes sent to agents (whole bodies and ranges; not heads). */
  public long bytesServed() {
    return served.sum();
  }

  /** Content bytes fetched from upstream (not revalidations answered 304). */
  public long bytesFetched() {
    return fetched.sum();
  }

  /** Upstream bytes the cache saved: served minus fetched, never below zero. */
  public long bandwidthSaved() {
    return Math.max(0, bytesServed() - bytesFetched());
  }
}
