package io.relayagent.cli.relay;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.admin.AdminConnection;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relay-agent relay unregister}: removes an edge relay from the server's registry. */
@Command(
    name = "unregister",
    mixinStandardHelpOptions = true,
    description = {
      "Unregister an edge relay from the management server; agents drop it from their static"
          + " relays with their next policy."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:unregistered",
      "1:it was not registered; or the server refused, or could not be reached",
      AdminConnection.EXIT_BAD_INPUT
    })
public final class RelayUnregisterCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private AdminConnection connection;

  @Mixin private EdgeRelayAddress edgeRelay;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    return connection.run(
        spec.commandLine().getErr(),
        admin -> {
          admin.unregister(edgeRelay.host(), edgeRelay.port());
          out.printf(
              "Unregistered edge relay %s:%d from %s%n",
              edgeRelay.host(), edgeRelay.port(), connection.server());
          out.flush();
          return ExitCodes.OK;
        });
  }
}
