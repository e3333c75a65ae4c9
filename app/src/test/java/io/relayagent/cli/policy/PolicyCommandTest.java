package io.relayagent.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import io.relayagent.cli.ExitCodes;
import io.relayagent.config.Policy;
import io.relayagent.config.PolicyReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {
  private static final String OPEN = "<policy xmlns=\"urn:relay-agent:policy:1\">";

  @TempDir Path dir;

  @Test
  void validate_validFile_printsValidAndExits0() throws IOException {
    Path file = write("good.xml", OPEN + "\n  <asci intervalMinutes=\"30\"/>\n</policy>");

    CliRun run = CliRun.run("policy", "validate", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(file + ": valid" + System.lineSeparator());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validate_invalidFile_printsEachProblemWithLineAndColumnAndExits2() throws IOException {
    Path file =
        write(
            "bad.xml",
            OPEN
                + "\n  <asci intervalMinutes=\"0\"/>\n"
                + "  <relayServer tunnelPort=\"70000\"/>\n"
                + "  <colour/>\n</policy>");

    CliRun run = CliRun.run("policy", "validate", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .containsExactly(
            file + ":2:30: asci: intervalMinutes: '0' is less than the minimum, 1",
            file + ":3:36: relayServer: tunnelPort: '70000' is more than the maximum, 65535",
            file
                + ":4:12: unexpected element <colour> here; expected one of: relayClient, proxy,"
                + " eventQueue, trust");
  }

  @Test
  void validate_severalFiles_reportsEachAndExits2IfAnyIsInvalid() throws IOException {
    Path good = write("good.xml", OPEN + "</policy>");
    Path missing = dir.resolve("missing.xml");

    CliRun run = CliRun.run("policy", "validate", good.toString(), missing.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.out()).contains(good + ": valid");
    assertThat(run.err()).contains(missing + ":0:0: file not found");
  }

  @Test
  void validate_withoutFile_isAUsageError() {
    CliRun run = CliRun.run("policy", "validate");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("Missing required parameter");
  }

  @Test
  void show_emptyPolicy_printsEveryDefaultAsAPolicyFile() throws Exception {
    Path file = write("empty.xml", "<policy xmlns=\"urn:relay-agent:policy:1\"/>");

    CliRun run = CliRun.run("policy", "show", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("<asci intervalMinutes=\"60\"/>")
        .contains("tunnelPort=\"8083\"")
        .contains("discoveryPort=\"8082\"");
    Policy shown = PolicyReader.parse("shown", run.out().getBytes(StandardCharsets.UTF_8));
    assertThat(shown).isEqualTo(Policy.defaults());
  }

  @Test
  void show_json_printsTheEffectivePolicyForScripts() throws IOException {
    Path file =
        write(
            "relay.xml",
            OPEN
                + "<relayServer enabled=\"true\"/>"
                + "<relayClient><staticRelay host=\"edge.example.com\" port=\"443\"/></relayClient>"
                + "<proxy mode=\"manual\" host=\"proxy.example\" port=\"3128\">"
                + "<credentials user=\"svc\" passwordFile=\"/etc/relay-agent/proxy.password\"/>"
                + "</proxy></policy>");

    CliRun run = CliRun.run("policy", "show", "--json", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().trim())
        .startsWith("{\"asci\":{\"intervalMinutes\":60},\"relayServer\":{\"enabled\":true,")
        .contains("\"multicastGroup\":\"ff02::52:4c41\"")
        .contains("\"staticRelays\":[{\"host\":\"edge.example.com\",\"port\":443}]")
        .contains(
            "\"proxy\":{\"mode\":\"manual\",\"host\":\"proxy.example\",\"port\":3128,"
                + "\"allowUserOverride\":false,\"credentials\":{\"user\":\"svc\","
                + "\"passwordFile\":\"/etc/relay-agent/proxy.password\"},\"bypass\":[]}")
        .contains("\"certificateChainFile\":null")
        .endsWith("}");
  }

  @Test
  void show_invalidFile_printsProblemsAndExits2() throws IOException {
    Path file =
        write(
            "open.xml",
            OPEN + "\n<relayServer>\n  <plainProxy enabled=\"true\"/>\n</relayServer>\n</policy>");

    CliRun run = CliRun.run("policy", "show", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(file + ":3:").contains("needs at least one allowedNetwork");
  }

  @Test
  void help_listsThePolicyCommand() {
    CliRun run = CliRun.run("--help");

    assertThat(run.out()).contains("policy");
  }

  private Path write(String name, String content) throws IOException {
    return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
  }
}
