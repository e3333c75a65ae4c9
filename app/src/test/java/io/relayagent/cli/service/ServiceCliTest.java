package io.relayagent.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.RelayAgentCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    assertThat(result[2]).as("nothing the sandbox hides").isEmpty();
  }

  @Test
  void printUnit_launcherUnderTmp_warnsThatPrivateTmpHidesIt() {
    String[] result =
        run("service", "print-unit", "--install-root", "/tmp/relay-agent-1.0", "--java-home=");

    assertThat(result[0]).isEqualTo("0");
    assertThat(result[1]).contains("ExecStart=/tmp/relay-agent-1.0/bin/relay-agent run ");
    assertThat(result[2])
        .startsWith("warning: the launcher /tmp/relay-agent-1.0/bin/relay-agent is under /tmp")
        .contains("(PrivateTmp=yes) hides from the service");
  }

  @Test
  void printUnit_javaHomeUnderHome_warnsThatProtectHomeHidesIt() {
    String[] result =
        run(
            "service",
            "print-unit",
            "--install-root",
            "/opt/relay-agent",
            "--java-home",
            "/home/alice/jdk-17");

    assertThat(result[2])
        .contains("warning: JAVA_HOME /home/alice/jdk-17 is under /home")
        .contains("(ProtectHome=yes)")
        .doesNotContain("launcher");
  }

  @Test
  void serviceIsListedInHelp() {
    assertThat(run("--help")[1]).contains("service");
    assertThat(run("service", "--help")[1]).contains("print-unit", "install", "uninstall");
  }

  @Test
  void installDryRunWindows_printsLabelledSectionsOnAnyOs() {
    String[] result =
        run(
            "service",
            "install",
            "--dry-run",
            "--windows",
            "--java-home",
            "C:\\Program Files\\Eclipse Adoptium\\jre-17");
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1])
        .contains("rem == Data directories and their access rights (ACL) ==\n")
        .contains("rem == Service (procrun, JVM C:\\Program Files\\Eclipse Adoptium\\jre-17) ==\n")
        .contains("rem == Firewall ==\nrem policy defaults")
        .contains("\"C:\\Program Files\\relay-agent\\bin\\prunsrv.exe\" //IS//RelayAgent")
        .contains("--Jvm=\"C:\\Program Files\\Eclipse Adoptium\\jre-17\\bin\\server\\jvm.dll\"")
        .contains("rem == Removal")
        .doesNotContain("WinSW");
  }

  @Test
  void installWindows_withoutDryRunOnLinux_isAUsageError() {
    String[] result = run("service", "install", "--windows");
    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).contains("add --dry-run");
  }

  @Test
  void installDryRun_linux_changesNothingAndShowsRemoval(@TempDir Path root) throws Exception {
    String[] result = run("service", "install", "--dry-run", "--root", root.toString());
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1])
        .contains("# == systemd unit ==\n")
        .contains("\nsystemctl enable --now relay-agent.service\n")
        .contains("# policy defaults (/etc/relay-agent/policy.xml does not exist yet)")
        .contains("# == Removal");
    try (var files = Files.list(root)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void uninstall_notInstalled_failsSayingSo(@TempDir Path root) {
    String[] result = run("service", "uninstall", "--root", root.toString());
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[2]).contains("service uninstall: not installed");
  }
}
