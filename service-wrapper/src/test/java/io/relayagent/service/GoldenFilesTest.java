package io.relayagent.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.config.Policy;
import io.relayagent.config.PolicyReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated files against golden copies in src/test/resources/golden. After a deliberate
 * change, regenerate them with {@code -Dgolden.update=true} and review the diff.
 */
public class GoldenFilesTest {

  static final ServiceLayout LINUX =
      ServiceLayout.linux("/opt/relay-agent", "/opt/relay-agent/runtime");
  static final ServiceLayout WINDOWS =
      ServiceLayout.windows(
          "C:\\Program Files\\relay-agent", "C:\\Program Files\\Eclipse Adoptium\\jre-17");

  public static void assertGolden(String name, String actual) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Path file = Path.of("src/test/resources/golden", name);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file " + name).isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void systemdUnit() throws IOException {
    assertGolden("relay-agent.service", SystemdUnit.render(LINUX));
  }

  @Test
  void systemdUnitHasNoMemoryDenyWriteExecute() {
    // The JIT needs W+X memory: with it the JVM cannot start.
    assertThat(SystemdUnit.render(LINUX))
        .doesNotContainPattern("(?m)^MemoryDenyWriteExecute")
        .contains("SuccessExitStatus=143")
        .contains("CapabilityBoundingSet=\n");
  }

  @Test
  void systemdUnit_noJavaHomeLeavesTheEnvironmentOut() {
    // A package depends on a Java runtime package: the launcher finds java on the PATH.
    String unit = SystemdUnit.render(ServiceLayout.linux("/usr/lib/relay-agent", ""));
    assertThat(unit)
        .doesNotContain("JAVA_HOME")
        .contains("ExecStart=/usr/lib/relay-agent/bin/relay-agent run --policy ");
  }

  @Test
  void systemdUnit_skippedUntilPolicyAndSiteListExist() {
    assertThat(SystemdUnit.render(LINUX))
        .contains("ConditionPathExists=/etc/relay-agent/policy.xml\n")
        .contains("ConditionPathExists=/etc/relay-agent/SiteList.xml\n");
  }

  @Test
  void unitWithOtherUserAndFiles() throws IOException {
    assertGolden(
        "relay-agent-custom.service",
        SystemdUnit.render(
            LINUX
                .withUser("agent")
                .withFiles(
                    "/srv/agent/policy.xml", "/srv/agent/SiteList.xml", "/srv/agent/state")));
  }

  /** Prints the install of {@code layout} as a dry run would, for a target this JVM cannot see. */
  static String dryRun(ServiceLayout layout) throws Exception {
    StringWriter out = new StringWriter();
    new Installer(
            TargetFiles.foreign(),
            command -> {
              throw new AssertionError("a dry run ran " + command);
            },
            new PrintWriter(out, true),
            true)
        .install(layout, false);
    return out.toString();
  }

  @Test
  void windowsInstall_dryRun() throws Exception {
    assertGolden("windows-install.txt", dryRun(WINDOWS));
  }

  @Test
  void windowsService_prunsrvCommand() throws IOException {
    assertGolden("prunsrv.txt", WindowsService.prunsrvInstallLine(WINDOWS) + "\n");
  }

  @Test
  void windowsFirewall_policyDefaults() throws IOException {
    assertGolden("netsh.txt", netsh(FirewallRules.of(Policy.defaults(), "policy defaults")));
  }

  @Test
  void windowsFirewall_otherPorts() throws Exception {
    Policy policy =
        PolicyReader.parse(
            "policy.xml",
            """
            <policy xmlns="urn:relay-agent:policy:1">
              <relayServer enabled="true" tunnelPort="9443">
                <plainProxy enabled="true" port="3128">
                  <allowedNetwork cidr="10.20.0.0/16"/>
                </plainProxy>
              </relayServer>
              <relayClient discoveryPort="9082"/>
            </policy>
            """
                .getBytes(StandardCharsets.UTF_8));
    assertGolden("netsh-policy.txt", netsh(FirewallRules.of(policy, "ports from policy.xml")));
  }

  private static String netsh(FirewallRules rules) {
    StringBuilder text = new StringBuilder();
    for (FirewallRule rule : rules.rules()) {
      String prunsrv = WindowsService.prunsrvExe(WINDOWS);
      text.append(Shell.CMD.line(WindowsService.netshAdd(rule, prunsrv))).append('\n');
      text.append(Shell.CMD.line(WindowsService.netshDelete(rule, prunsrv))).append('\n');
    }
    return text.toString();
  }

  @Test
  void windowsUninstall_dryRun(@TempDir Path root) throws Exception {
    new Installer(root, new RecordingCommands(), new PrintWriter(new StringWriter()), false)
        .install(WINDOWS, false);
    StringWriter out = new StringWriter();
    new Installer(root, new RecordingCommands(), new PrintWriter(out, true), true).uninstall(true);
    assertGolden("windows-uninstall.txt", out.toString());
  }

  @Test
  void linuxFirewall() throws IOException {
    FirewallRules rules = FirewallRules.of(Policy.defaults(), "policy defaults");
    assertGolden("nftables.txt", LinuxFirewall.nftables(rules));
    assertGolden("iptables.txt", LinuxFirewall.iptables(rules));
  }
}
