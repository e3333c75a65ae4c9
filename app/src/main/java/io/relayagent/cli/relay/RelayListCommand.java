package io.relayagent.cli.relay;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.admin.AdminConnection;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.cli.output.Table;
import io.relayagent.protocol.admin.EdgeRelayEntry;
import io.relayagent.protocol.admin.EdgeRelayList;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relay-agent relay list}: the edge relays registered with the server. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {"List the edge relays registered with the management server, in order."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed", AdminConnection.EXIT_REFUSED, AdminConnection.EXIT_BAD_INPUT})
public final class RelayListCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private AdminConnection connection;
  @Mixin private JsonOption json;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    return connection.run(
        spec.commandLine().getErr(),
        admin -> {
          List<EdgeRelayEntry> relays = admin.edgeRelays();
          if (json.enabled()) {
            out.println(ProtocolJson.writeString(new EdgeRelayList(relays)));
          } else {
            Table table = new Table("RELAY", "REGISTERED");
            relays.forEach(relay -> table.add(relay.address(), relay.registered()));
            table.print(out);
          }
          out.flush();
          return ExitCodes.OK;
        });
  }
}
