package io.relayagent.protocol.agent;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/**
 * What a relay has carried since it started ({@code since}): the figures an agent with relay
 * capability reports in its {@link StatusReport}, {@code relay-agent status} shows and the relay's
 * metrics page serves. Counters only grow while the relay runs; a restarted relay starts again from
 * zero with a new {@code since}.
 *
 * @param since when the relay started counting, ISO-8601 with an offset
 * @param agentsServed distinct agents (client certificates; source addresses on the plain listener)
 *     that opened a tunnel or asked the content cache within the last 24 hours
 * @param tunnelsOpen tunnels open now
 * @param tunnelsOpened tunnels opened since {@code since}
 * @param refused requests refused, by reason ({@link Refused}); a reason never seen is absent
 * @param bytesFromAgents bytes the tunnels carried from agents to their servers
 * @param bytesToAgents bytes the tunnels carried from servers to agents
 * @param cacheHits content requests answered from the cache without waiting for upstream
 * @param cacheMisses content requests that waited for an upstream fetch or revalidation
 * @param cacheBytesServed content bytes the cache sent to agents
 * @param cacheBytesFetched content bytes the cache fetched from upstream
 * @param bandwidthSaved upstream bytes the cache saved: served minus fetched, never below zero
 */
public record RelayStatistics(
    String since,
    long agentsServed,
    long tunnelsOpen,
    long tunnelsOpened,
    List<Refused> refused,
    long bytesFromAgents,
    long bytesToAgents,
    long cacheHits,
    long cacheMisses,
    long cacheBytesServed,
    long cacheBytesFetched,
    long bandwidthSaved) {

  /** The most refusal reasons one report carries. */
  public static final int MAX_REASONS = 16;

  /**
   * Requests refused for one reason: {@code forbidden} (403: a target outside the SiteList, no
   * client certificate, a malformed or late head), {@code busy} (503 at the connection limit, or
   * closed at a budget), {@code upstream} (502: the site could not be reached), {@code no-content}
   * (404 on a relay without a content cache), {@code bad-request} (another 4xx) and {@code
   * handshake} (a failed TLS handshake).
   */
  public record Refused(String reason, long count) {
    public Refused {
      reason = Fields.text("reason", reason, 32);
      nonNegative("count", count);
    }
  }

  public RelayStatistics {
    since = Fields.offsetTime("since", since);
    refused = Fields.list("refused", refused == null ? List.of() : refused);
    if (refused.size() > MAX_REASONS) {
      throw Fields.problem("refused", "has more than " + MAX_REASONS + " reasons");
    }
    nonNegative("agentsServed", agentsServed);
    nonNegative("tunnelsOpen", tunnelsOpen);
    nonNegative("tunnelsOpened", tunnelsOpened);
    nonNegative("bytesFromAgents", bytesFromAgents);
    nonNegative("bytesToAgents", bytesToAgents);
    nonNegative("cacheHits", cacheHits);
    nonNegative("cacheMisses", cacheMisses);
    nonNegative("cacheBytesServed", cacheBytesServed);
    nonNegative("cacheBytesFetched", cacheBytesFetched);
    nonNegative("bandwidthSaved", bandwidthSaved);
  }

  /** Requests refused for any reason. */
  public long refusedTotal() {
    return refused.stream().mapToLong(Refused::count).sum();
  }

  private static void nonNegative(String name, long value) {
    if (value < 0) {
      throw Fields.problem(name, "must not be negative (" + value + ")");
    }
  }
}
