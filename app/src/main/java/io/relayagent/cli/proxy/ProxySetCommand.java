package io.relayagent.cli.proxy;

import io.relayagent.agent.control.ControlClient;
import io.relayagent.agent.control.ControlRequest;
import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.agent.AgentQuery;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlProxy;
import io.relayagent.protocol.control.ControlProxySetting;
import io.relayagent.service.StateDirectoryOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code relay-agent proxy set}: a local proxy setting for the agent's direct path to its servers.
 * The values are checked here first, by the policy's rules, so that a typing error never needs the
 * agent; the agent checks them again and refuses the setting unless its policy allows it.
 */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    description = {
      "Keep a local proxy setting for the running agent's direct path to its servers; it takes"
          + " precedence over the policy's <proxy> from the next connection, while the policy"
          + " allows it (allowUserOverride=\"true\").",
      "Refused when the policy in force does not allow it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:kept",
      "1:refused: the policy in force does not allow a local proxy setting",
      "2:invalid value",
      "4:the agent is not running"
    })
public final class ProxySetCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private StateDirectoryOption state;
  @Mixin private JsonOption json;

  @Option(
      names = "--mode",
      required = true,
      paramLabel = "MODE",
      description =
          "none (connect directly), manual (through --host and --port) or system (the operating"
              + " system's proxy settings).")
  private String mode;

  @Option(names = "--host", paramLabel = "HOST", description = "The proxy's host (manual mode).")
  private String host;

  @Option(names = "--port", paramLabel = "PORT", description = "The proxy's port (manual mode).")
  private Integer port;

  @Option(
      names = "--bypass",
      split = ",",
      paramLabel = "DEST",
      description =
          "A destination reached without the proxy: a host, *.domain, an IP address or a network"
              + " (10.0.0.0/8); repeat or separate with commas.")
  private List<String> bypass = new ArrayList<>();

  @Override
  public Integer call() {
    ControlProxySetting setting;
    try {
      setting = new ControlProxySetting(mode, host, port, bypass);
      ProxyPolicy.local(mode, host, port, bypass);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("relay-agent: proxy set: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
    try {
      Optional<ControlProxy> answer =
          AgentQuery.askRefusable(
              state,
              ControlRequest.of(ControlCommands.PROXY_SET, setting),
              ControlProxy.class,
              spec.commandLine().getErr());
      return ProxyOutput.print(answer, state, json, spec.commandLine().getOut());
    } catch (ControlClient.RefusedException e) {
      spec.commandLine().getErr().println("relay-agent: proxy set refused: " + e.getMessage());
      return ExitCodes.CHECK_FAILED;
    }
  }
}
