package io.relayagent.cli.server;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.ShortDuration;
import io.relayagent.cli.admin.AdminConnection;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.cli.output.Table;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.wakeup.WakeupOutcome;
import io.relayagent.protocol.wakeup.WakeupReport;
import io.relayagent.protocol.wakeup.WakeupRequest;
import io.relayagent.protocol.wakeup.WakeupResult;
import io.relayagent.server.admin.WakeupConfirmation;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relay-agent server wakeup AGENT... | --all [--wait 5s] [--json]}. */
@Command(
    name = "wakeup",
    mixinStandardHelpOptions = true,
    description = {
      "Make agents run an ASCI now, whether they reach the server directly or through a relay:"
          + " the server signs one wake-up per agent and sends it on the connection the agent"
          + " holds open (docs/wakeup.md). Then waits until each agent reached has called (its"
          + " last request is newer than the wake-up), and names every agent that was not"
          + " reached or did not call."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every agent ran an ASCI (with --wait 0: every agent was reached)",
      "1:an agent was unknown, unreachable or did not call in time; or the server refused, or"
          + " could not be reached",
      AdminConnection.EXIT_BAD_INPUT
    })
public final class WakeupCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private AdminConnection connection;
  @Mixin private JsonOption json;

  @Parameters(paramLabel = "AGENT", arity = "0..*", description = "The agent ids to wake.")
  private List<String> agents = new ArrayList<>();

  @Option(names = "--all", description = "Wake every agent the server knows.")
  private boolean all;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = ShortDuration.class,
      description =
          "How long to wait for the agents' ASCIs (default: ${DEFAULT-VALUE}; 0s: do not wait).")
  private Duration wait;

  /** One agent's line of {@code --json}. */
  record WokenAgent(String agentId, WakeupOutcome outcome, String asci) {}

  /** What {@code --json} prints. */
  record WakeupSummary(String sent, List<WokenAgent> agents) {}

  @Override
  public Integer call() throws InterruptedException {
    WakeupRequest request;
    try {
      request = new WakeupRequest(agents, all);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "name agents to wake, or --all (not both)");
    }
    PrintWriter out = spec.commandLine().getOut();
    return connection.run(
        spec.commandLine().getErr(),
        admin -> {
          WakeupReport report = admin.wake(request);
          Map<String, Instant> called =
              wait.isZero() ? Map.of() : WakeupConfirmation.await(admin, report, wait);
          boolean allWoken = print(out, report, called);
          out.flush();
          return allWoken ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        });
  }

  private boolean print(PrintWriter out, WakeupReport report, Map<String, Instant> called) {
    Instant sent = Instant.parse(report.sent());
    boolean allWoken = true;
    List<WokenAgent> lines = new ArrayList<>();
    Table table = new Table("AGENT", "WAKE-UP", "ASCI");
    for (WakeupResult result : report.results()) {
      Instant asci = called.get(result.agentId());
      boolean woken = result.outcome().reached() && (wait.isZero() || asci != null);
      allWoken &= woken;
      lines.add(
          new WokenAgent(
              result.agentId(), result.outcome(), asci == null ? null : asci.toString()));
      table.add(result.agentId(), describe(result.outcome()), asci(result, sent, asci));
    }
    if (json.enabled()) {
      out.println(ProtocolJson.writeString(new WakeupSummary(report.sent(), lines)));
    } else {
      table.print(out);
    }
    return allWoken;
  }

  private static String describe(WakeupOutcome outcome) {
    return switch (outcome) {
      case DELIVERED -> "delivered";
      case QUEUED -> "queued for its next poll";
      case UNREACHABLE -> "unreachable: no wake-up connection (it calls at its next ASCI)";
      case UNKNOWN -> "unknown: the server never heard from it";
    };
  }

  private String asci(WakeupResult result, Instant sent, Instant asci) {
    if (!result.outcome().reached() || wait.isZero()) {
      return "-";
    }
    if (asci == null) {
      return "none within " + wait.toSeconds() + " s";
    }
    return "after " + Duration.between(sent, asci).toMillis() + " ms";
  }
}
