package io.relayagent.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.RelayAgentCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code relay-agent service ...} is reachable from the one CLI when this module is present. */
class ServiceCliTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = RelayAgentCli.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new String[] {String.valueOf(exit), out.toString(), err.toString()};
  }

  @Test
  void printUnitTakesTheUserAndFiles() {
    String[] result =
        run(
            "service",
            "print-unit",
            "--user",
            "svc",
            "--policy",
            "/srv/ra/policy.xml",
            "--sitelist",
            "/srv/ra/SiteList.xml",
            "--state-dir",
            "/srv/ra/state");
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1])
        .contains("User=svc\n")
        .contains("--policy /srv/ra/policy.xml --sitelist /srv/ra/SiteList.xml")
        .contains("--state-dir /srv/ra/state\n")
        .contains("ReadWritePaths=/srv/ra/state /srv/ra\n")
        .contains("Environment=JAVA_HOME=" + System.getProperty("java.home") + "\n");
  }

  @Test
  void printUnit_packageLayoutHasNoJavaHome() {
    String[] result =
        run("service", "print-unit", "--install-root", "/usr/lib/relay-agent", "--java-home=");
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1])
        .contains("ExecStart=/usr/lib/relay-agent/bin/relay-agent run ")
        .doesNotContain("JAVA_HOME");
  }

  @Test
  void serviceIsListedInHelp() {
    assertThat(run("--help")[1]).contains("service");
    assertThat(run("service", "--help")[1]).contains("print-unit", "install", "uninstall");
  }
}
