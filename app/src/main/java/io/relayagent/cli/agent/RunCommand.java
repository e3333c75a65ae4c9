package io.relayagent.cli.agent;

import io.relayagent.agent.Agent;
import io.relayagent.agent.AgentLogging;
import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.Problems;
import io.relayagent.service.StateDirectoryOption;
import io.relayagent.trust.TlsContexts;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relay-agent run}: the agent in the foreground, until Ctrl-C or SIGTERM. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the agent in the foreground (a service runs the same thing).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by a signal",
      "2:the policy, SiteList or certificates cannot be used"
    })
public final class RunCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Spec private CommandSpec spec;
  @Mixin private StateDirectoryOption state;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "The policy file (updated by the server).")
  private Path policy;

  @Option(
      names = "--sitelist",
      required = true,
      paramLabel = "FILE",
      description = "The SiteList.xml (updated by the server).")
  private Path siteList;

  @Override
  public Integer call() throws InterruptedException {
    TlsContexts.findProviderInBackground();
    AgentLogging.configure(state.path(), true);
    Agent agent;
    try {
      agent =
          Agent.start(new Agent.Options(policy, siteList, state.path()), line -> log.info(line));
    } catch (XmlFileException e) {
      Problems.print(spec.commandLine().getErr(), e);
      return ExitCodes.INVALID_INPUT;
    } catch (IOException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("relay-agent: cannot start: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
    // No System.exit in the hook: it only asks the agent to stop and lets the JVM end.
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-stop"));
    agent.stopped().join();
    return ExitCodes.OK;
  }
}
