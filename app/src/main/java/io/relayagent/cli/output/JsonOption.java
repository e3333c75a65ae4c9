package io.relayagent.cli.output;

import picocli.CommandLine.Option;

/** The {@code --json} option of every command whose output is a table. */
public final class JsonOption {
  @Option(names = "--json", description = "Print JSON for scripts instead of a table for people.")
  private boolean json;

  public boolean enabled() {
    return json;
  }
}
