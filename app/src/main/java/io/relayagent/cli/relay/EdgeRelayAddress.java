package io.relayagent.cli.relay;

import picocli.CommandLine.Option;

/** {@code --host} and {@code --port}: the edge relay a registry command is about. */
public final class EdgeRelayAddress {
  @Option(
      names = "--host",
      required = true,
      paramLabel = "HOST",
      description = "The edge relay's name or address, as agents outside reach it.")
  private String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8083",
      description = "The edge relay's tunnel port (default: ${DEFAULT-VALUE}).")
  private int port;

  String host() {
    return host;
  }

  int port() {
    return port;
  }
}
