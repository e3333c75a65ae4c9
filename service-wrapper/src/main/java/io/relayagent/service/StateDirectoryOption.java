package io.relayagent.service;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir}: where the agent keeps its queue, content, logs and control socket. */
public final class StateDirectoryOption {

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "The agent's state directory (default: ${DEFAULT-VALUE}).",
      defaultValue =
          "${sys:relay-agent.state-dir:-${env:RELAY_AGENT_STATE_DIR:-/var/lib/relay-agent}}")
  private Path stateDirectory;

  public Path path() {
    return stateDirectory;
  }
}
