package io.relayagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelayAgentCliTest {

  @Test
  void version_printsTheBuiltVersion() {
    CliRun run = CliRun.run("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("relay-agent ").doesNotContain("unknown").doesNotContain("${");
  }

  @Test
  void help_listsCommandsAndExitCodes() {
    CliRun run = CliRun.run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("sitelist")
        .contains("Exit codes:")
        .contains("2   invalid input");
  }

  @Test
  void noCommand_isAUsageErrorWithExitCode2() {
    CliRun run = CliRun.run();

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("Missing required subcommand");
  }

  @Test
  void unknownOption_isAUsageErrorWithExitCode2() {
    assertThat(CliRun.run("sitelist", "show", "--frobnicate", "x.xml").exitCode())
        .isEqualTo(ExitCodes.INVALID_INPUT);
  }

  @Test
  void unknownCommandWithHelp_isAUsageErrorNamingTheCommand() {
    CliRun run = CliRun.run("foo", "--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("Unknown command: 'foo'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void unknownSubcommandWithHelp_isAUsageErrorNamingTheCommand() {
    CliRun run = CliRun.run("relay", "foo", "--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("Unknown command: 'foo'").contains("relay-agent relay --help");
  }

  @Test
  void knownSubcommandHelp_stillPrintsItsUsage() {
    CliRun run = CliRun.run("relay", "list", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: relay-agent relay list");
  }
}
