package io.relayagent.bench.soak;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Events given to agents against events the server stored: each one stored exactly once. An event
 * is known by its agent and its id (as the server keys it), ids compared in lower case (the server
 * stores them as sent, and agents send them in lower case).
 *
 * <pre>{@code
 * EventAudit.Builder audit = EventAudit.builder();
 * audit.sent("agent1", id);                 // for every event queued into agent1
 * audit.stored("agent1", id, batchId);      // for every event the server stored
 * EventAudit result = audit.build();        // result.exactlyOnce()
 * }</pre>
 *
 * @param sent events queued into the agents
 * @param storedRecords records in the server's store
 * @param storedOnce distinct sent events found in the store
 * @param lost sent events the store does not hold
 * @param duplicates records beyond the first for an event (the store must never hold two)
 * @param unexpected records of events that were never queued
 * @param batches distinct batch ids of the records
 */
public record EventAudit(
    long sent,
    long storedRecords,
    long storedOnce,
    long lost,
    long duplicates,
    long unexpected,
    long batches) {

  /** Every sent event stored, none twice, nothing else stored. */
  public boolean exactlyOnce() {
    return lost == 0 && duplicates == 0 && unexpected == 0 && storedOnce == sent;
  }

  public String summary() {
    return String.format(
        Locale.ROOT,
        "sent %d, stored records %d (in %d batches): stored once %d, lost %d, duplicates %d,"
            + " never sent %d",
        sent,
        storedRecords,
        batches,
        storedOnce,
        lost,
        duplicates,
        unexpected);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects both sides; not thread-safe. */
  public static final class Builder {
    private final Set<String> sent = new HashSet<>();
    private final Map<String, Integer> stored = new HashMap<>();
    private final Set<String> batches = new HashSet<>();
    private long records;

    private Builder() {}

    /**
     * @throws IllegalArgumentException if the same event is given twice: ids are random UUIDs
     */
    public Builder sent(String agentId, String id) {
      if (!sent.add(key(agentId, id))) {
        throw new IllegalArgumentException("event " + id + " of " + agentId + " sent twice");
      }
      return this;
    }

    /** One record of the store; {@code batchId} may be {@code null}. */
    public Builder stored(String agentId, String id, String batchId) {
      records++;
      stored.merge(key(agentId, id), 1, Integer::sum);
      if (batchId != null) {
        batches.add(batchId.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    public EventAudit build() {
      long once = 0;
      long duplicates = 0;
      long unexpected = 0;
      for (Map.Entry<String, Integer> entry : stored.entrySet()) {
        duplicates += entry.getValue() - 1;
        if (sent.contains(entry.getKey())) {
          once++;
        } else {
          unexpected++;
        }
      }
      return new EventAudit(
          sent.size(), records, once, sent.size() - once, duplicates, unexpected, batches.size());
    }

    private static String key(String agentId, String id) {
      return agentId + "/" + id.toLowerCase(Locale.ROOT);
    }
  }
}
