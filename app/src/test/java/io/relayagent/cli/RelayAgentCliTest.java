package io.relayagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
  void eachCommand_builtAlone_hasTheUsageOfTheWholeCommandLine() {
    CommandLine whole = RelayAgentCli.newCommandLine();
    for (String name : whole.getSubcommands().keySet()) {
      String[] args = {name, "--help"};
      assertThat(RelayAgentCli.newCommandLine(args).getSubcommands())
          .as("built for %s", name)
          .containsOnlyKeys(name.equals("help") ? whole.getSubcommands().keySet() : Set.of(name));
      StringWriter alone = new StringWriter();
      CommandLine narrowed = RelayAgentCli.newCommandLine(args);
      narrowed.setOut(new PrintWriter(alone, true));
      StringWriter all = new StringWriter();
      whole.setOut(new PrintWriter(all, true));

      assertThat(narrowed.execute(args)).isZero();
      assertThat(whole.execute(args)).isZero();
      assertThat(alone.toString()).as(name).isEqualTo(all.toString()).contains("Usage:");
    }
  }

  @Test
  void knownSubcommandHelp_stillPrintsItsUsage() {
    CliRun run = CliRun.run("relay", "list", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: relay-agent relay list");
  }
}
