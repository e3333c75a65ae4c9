package io.relayagent.cli.server;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.admin.AdminConnection;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.protocol.admin.ConsoleLink;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relay-agent server console-link [--json]}: a one-time login link to the web console. */
@Command(
    name = "console-link",
    mixinStandardHelpOptions = true,
    description = {
      "Print a one-time login link to the server's read-only web console (docs/console.md)."
          + " Open it in a browser within 5 minutes: it starts a session of 8 hours and works"
          + " only once. Anyone who has the link before it is used can sign in with it: do not"
          + " paste it where others read."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", AdminConnection.EXIT_REFUSED, AdminConnection.EXIT_BAD_INPUT})
public final class ConsoleLinkCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private AdminConnection connection;
  @Mixin private JsonOption json;

  /** What {@code --json} prints: the whole URL and when it expires. */
  record PrintedLink(String url, String expires) {}

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    return connection.run(
        spec.commandLine().getErr(),
        admin -> {
          ConsoleLink link = admin.consoleLink();
          String url = url(connection.server(), link);
          if (json.enabled()) {
            out.println(ProtocolJson.writeString(new PrintedLink(url, link.expires())));
          } else {
            out.println("Console login link (one use, until " + link.expires() + "):");
            out.println(url);
          }
          out.flush();
          return ExitCodes.OK;
        });
  }

  /** The link on the server as the administrator reached it (its name, its port). */
  static String url(URI server, ConsoleLink link) {
    return server.resolve(link.path()).toString();
  }
}
