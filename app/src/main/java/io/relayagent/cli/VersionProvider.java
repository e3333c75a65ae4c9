package io.relayagent.cli;

import io.relayagent.agent.AgentVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version Maven wrote into the jar, and the Java runtime. */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {
      "relay-agent " + AgentVersion.current(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
