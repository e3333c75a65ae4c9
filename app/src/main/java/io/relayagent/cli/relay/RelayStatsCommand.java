package io.relayagent.cli.relay;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.admin.AdminConnection;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.cli.output.Table;
import io.relayagent.protocol.admin.RelayStatisticsEntry;
import io.relayagent.protocol.admin.RelayStatisticsList;
import io.relayagent.protocol.agent.RelayStatistics;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code relay-agent relay stats}: each relay's latest statistics as the server keeps them. Not
 * part of {@code relay list}, which is the registry of edge relays only: statistics come from every
 * relay, LAN or edge, that reported at its last ASCI.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Show each relay's statistics from its last ASCI, as the management server keeps them:"
          + " agents served (last 24 h), tunnels open and opened, requests refused, bytes carried"
          + " to and from agents, content cache hits and misses and the upstream bandwidth the"
          + " cache saved, and the refusals by reason (busy, forbidden, upstream, no-content,"
          + " bad-request, handshake: docs/operations.md)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed", AdminConnection.EXIT_REFUSED, AdminConnection.EXIT_BAD_INPUT})
public final class RelayStatsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private AdminConnection connection;
  @Mixin private JsonOption json;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    return connection.run(
        spec.commandLine().getErr(),
        admin -> {
          List<RelayStatisticsEntry> relays = admin.relayStatistics();
          if (json.enabled()) {
            out.println(ProtocolJson.writeString(new RelayStatisticsList(relays)));
          } else {
            Table table =
                new Table(
                    "RELAY",
                    "REPORTED",
                    "AGENTS",
                    "OPEN",
                    "OPENED",
                    "REFUSED",
                    "BYTES_IN",
                    "BYTES_OUT",
                    "CACHE_HITS",
                    "CACHE_MISSES",
                    "SAVED_BYTES",
                    "REFUSED_BY_REASON");
            for (RelayStatisticsEntry relay : relays) {
              RelayStatistics s = relay.statistics();
              table.add(
                  relay.relayId(),
                  relay.reported(),
                  s.agentsServed(),
                  s.tunnelsOpen(),
                  s.tunnelsOpened(),
                  s.refusedTotal(),
                  s.bytesFromAgents(),
                  s.bytesToAgents(),
                  s.cacheHits(),
                  s.cacheMisses(),
                  s.bandwidthSaved(),
                  byReason(s.refused()));
            }
            table.print(out);
          }
          out.flush();
          return ExitCodes.OK;
        });
  }

  /** {@code busy=3,forbidden=1}: one cell, no spaces, so that the columns stay split by blanks. */
  private static String byReason(List<RelayStatistics.Refused> refused) {
    if (refused.isEmpty()) {
      return "-";
    }
    StringBuilder cell = new StringBuilder();
    for (RelayStatistics.Refused reason : refused) {
      cell.append(cell.length() == 0 ? "" : ",").append(reason.reason()).append('=');
      cell.append(reason.count());
    }
    return cell.toString();
  }
}
