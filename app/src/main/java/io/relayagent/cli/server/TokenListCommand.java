package io.relayagent.cli.server;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.admin.AdminConnection;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.cli.output.Table;
import io.relayagent.protocol.admin.EnrollmentToken;
import io.relayagent.protocol.admin.EnrollmentTokenList;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relay-agent server token list [--json]}: the server's enrollment tokens, no secrets. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {"List the server's enrollment tokens, newest first (never their secrets)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed", AdminConnection.EXIT_REFUSED, AdminConnection.EXIT_BAD_INPUT})
public final class TokenListCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private AdminConnection connection;
  @Mixin private JsonOption json;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    return connection.run(
        spec.commandLine().getErr(),
        admin -> {
          List<EnrollmentToken> tokens = admin.enrollmentTokens();
          if (json.enabled()) {
            out.println(ProtocolJson.writeString(new EnrollmentTokenList(tokens)));
          } else {
            Table table = new Table("ID", "ROLE", "USED", "EXPIRES", "STATE");
            for (EnrollmentToken token : tokens) {
              table.add(
                  token.id(),
                  token.role(),
                  token.used() + "/" + token.uses(),
                  token.expires(),
                  token.revoked() ? "revoked" : "active");
            }
            table.print(out);
          }
          out.flush();
          return ExitCodes.OK;
        });
  }
}
