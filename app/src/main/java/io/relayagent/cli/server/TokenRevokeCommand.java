package io.relayagent.cli.server;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.admin.AdminConnection;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relay-agent server token revoke ID}: the token enrolls no one from now on. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = {
      "Revoke an enrollment token: no host enrolls with it from now on. Hosts that enrolled with"
          + " it keep their certificates (revoke those with relay-agent cert revoke)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:revoked",
      "1:no such token; or the server refused, or could not be reached",
      AdminConnection.EXIT_BAD_INPUT
    })
public final class TokenRevokeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private AdminConnection connection;

  @Parameters(paramLabel = "ID", description = "The token's id, as token list shows it.")
  private String id;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    return connection.run(
        spec.commandLine().getErr(),
        admin -> {
          admin.revokeEnrollmentToken(id);
          out.printf("Revoked enrollment token %s on %s%n", id, connection.server());
          out.flush();
          return ExitCodes.OK;
        });
  }
}
