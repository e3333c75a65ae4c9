package io.relayagent.cli;

import io.relayagent.cli.agent.CheckPolicyCommand;
import io.relayagent.cli.agent.CollectAndSendCommand;
import io.relayagent.cli.agent.DiscoverCommand;
import io.relayagent.cli.agent.RelayCapabilityCommand;
import io.relayagent.cli.agent.RelaysCommand;
import io.relayagent.cli.agent.RunCommand;
import io.relayagent.cli.agent.StatusCommand;
import io.relayagent.cli.cert.CertCommand;
import io.relayagent.cli.demo.DemoCommand;
import io.relayagent.cli.event.EventCommand;
import io.relayagent.cli.policy.PolicyCommand;
import io.relayagent.cli.proxy.ProxyCommand;
import io.relayagent.cli.relay.RelayCommand;
import io.relayagent.cli.server.ServerCommand;
import io.relayagent.cli.service.ServiceCommand;
import io.relayagent.cli.sitelist.SitelistCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code relay-agent}: the command line of the agent, its relay and its administrators. */
@Command(
    name = "relay-agent",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "A LAN peer-relay agent: endpoints that cannot reach their management server reach it"
          + " through a peer on the same LAN, which forwards only to the sites of its SiteList."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a check found a problem (for example a site missing from the relay's list)",
      "2:invalid input: bad usage, or a file that cannot be read or is invalid",
      "3:an internal error (a bug: please report it with the message)",
      "4:the agent is not running (status, relays, discover, collect-and-send, check-policy,"
          + " proxy, relay-capability)"
    })
public final class RelayAgentCli implements Runnable {

  /** The subcommands, in the order the usage lists them. */
  private static final List<Class<?>> COMMANDS =
      List.of(
          DemoCommand.class,
          RunCommand.class,
          StatusCommand.class,
          RelaysCommand.class,
          DiscoverCommand.class,
          CollectAndSendCommand.class,
          CheckPolicyCommand.class,
          ProxyCommand.class,
          RelayCapabilityCommand.class,
          EventCommand.class,
          SitelistCommand.class,
          CertCommand.class,
          PolicyCommand.class,
          ServerCommand.class,
          RelayCommand.class,
          ServiceCommand.class,
          CommandLine.HelpCommand.class);

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine(args).execute(args));
  }

  /** The configured command line with every subcommand. */
  public static CommandLine newCommandLine() {
    return newCommandLine(COMMANDS);
  }

  /** The configured command line for running these arguments, shared by {@link #main} and tests. */
  public static CommandLine newCommandLine(String[] args) {
    return newCommandLine(commandsFor(args));
  }

  /**
   * The subcommands a run needs: the one its first word names, or all of them. picocli builds the
   * model of every subcommand it is given, by reflection over each command class and its nested
   * subcommands (about 50 classes, 0.3 s of an agent's start, bench/README.md "Idle footprint"),
   * and has no lazily built subcommands; a run of {@code relay-agent run} needs only {@code run}'s.
   * Anything else (no word, an option, {@code help}, a word that names no command) gets them all,
   * so that the usage, {@code help} and the errors are those of the whole command line.
   */
  static List<Class<?>> commandsFor(String[] args) {
    if (args.length == 0 || args[0].equals("help")) {
      return COMMANDS;
    }
    for (Class<?> command : COMMANDS) {
      if (command.getAnnotation(Command.class).name().equals(args[0])) {
        return List.of(command);
      }
    }
    return COMMANDS;
  }

  private static CommandLine newCommandLine(List<Class<?>> commands) {
    CommandLine commandLine = new CommandLine(new RelayAgentCli());
    // Before the handlers below: picocli hands them to the subcommands present when they are set.
    for (Class<?> command : commands) {
      commandLine.addSubcommand(command);
    }
    commandLine.setExecutionExceptionHandler(
        (e, cl, parseResult) -> {
          cl.getErr().println("relay-agent: internal error: " + e);
          org.slf4j.LoggerFactory.getLogger(RelayAgentCli.class).error("internal error", e);
          return ExitCodes.INTERNAL_ERROR;
        });
    commandLine.setExecutionStrategy(RelayAgentCli::executeKnownCommand);
    return commandLine;
  }

  /**
   * Runs the command after refusing anything left unmatched at any level. picocli stops checking
   * for unmatched words once {@code --help} is given, so {@code relay-agent foo --help} printed the
   * top-level usage and exited 0, as if {@code foo} were a command; it is a usage error (exit 2).
   */
  private static int executeKnownCommand(ParseResult parseResult) {
    for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
      List<String> unmatched = level.unmatched();
      if (!unmatched.isEmpty()) {
        CommandLine command = level.commandSpec().commandLine();
        String first = unmatched.get(0);
        if (first.startsWith("-")) {
          throw new UnmatchedArgumentException(command, unmatched);
        }
        throw new ParameterException(
            command,
            "Unknown command: '"
                + first
                + "' (`"
                + level.commandSpec().qualifiedName()
                + " --help` lists the commands)");
      }
    }
    return new CommandLine.RunLast().execute(parseResult);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
