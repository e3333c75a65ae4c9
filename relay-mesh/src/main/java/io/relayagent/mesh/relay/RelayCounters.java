package io.relayagent.mesh.relay;

import io.relayagent.mesh.content.ContentCounters;
import io.relayagent.mesh.tunnel.TunnelCounters;
import io.relayagent.protocol.agent.RelayStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A relay's counters read together as one {@link RelayStatistics}: the tunnel listeners' and the
 * content cache's (absent when the relay runs none: its figures are zero).
 */
final class RelayCounters {

  private final TunnelCounters tunnel;
  private final ContentCounters content;
  private final Instant since;

  /**
   * @param content the content cache's counters, or {@code null}
   * @param since when the relay started
   */
  RelayCounters(TunnelCounters tunnel, ContentCounters content, Instant since) {
    this.tunnel = tunnel;
    this.content = content;
    this.since = since;
  }

  RelayStatistics snapshot() {
    List<RelayStatistics.Refused> refused = new ArrayList<>();
    for (TunnelCounters.Refusal reason : TunnelCounters.Refusal.values()) {
      long count = tunnel.refusals(reason);
      if (count > 0) {
        refused.add(new RelayStatistics.Refused(reason.wireName(), count));
      }
    }
    return new RelayStatistics(
        since.toString(),
        tunnel.agentsServed(),
        tunnel.tunnelsOpen(),
        tunnel.tunnelsOpened(),
        refused,
        tunnel.bytesFromAgents(),
        tunnel.bytesToAgents(),
        content == null ? 0 : content.hits(),
        content == null ? 0 : content.misses(),
        content == null ? 0 : content.bytesServed(),
        content == null ? 0 : content.bytesFetched(),
        content == null ? 0 : content.bandwidthSaved());
  }
}
