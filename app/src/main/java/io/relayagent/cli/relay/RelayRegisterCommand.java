package io.relayagent.cli.relay;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.admin.AdminConnection;
import io.relayagent.server.admin.AdminClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relay-agent relay register}: adds an edge relay to the server's registry. */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {
      "Register an edge relay with the management server; agents get it in their policy as a"
          + " static relay at their next ASCI. Registering one that is registered changes nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:registered (or was already)",
      AdminConnection.EXIT_REFUSED,
      AdminConnection.EXIT_BAD_INPUT
    })
public final class RelayRegisterCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private AdminConnection connection;

  @Mixin private EdgeRelayAddress edgeRelay;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    return connection.run(
        spec.commandLine().getErr(),
        admin -> {
          AdminClient.Registered registered = admin.register(edgeRelay.host(), edgeRelay.port());
          String address = registered.relay().address();
          if (registered.added()) {
            out.printf("Registered edge relay %s with %s%n", address, connection.server());
          } else {
            out.printf(
                "Edge relay %s was already registered with %s (since %s)%n",
                address, connection.server(), registered.relay().registered());
          }
          out.flush();
          return ExitCodes.OK;
        });
  }
}
