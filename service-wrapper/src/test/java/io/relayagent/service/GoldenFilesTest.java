package io.relayagent.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The generated files against golden copies in src/test/resources/golden. After a deliberate
 * change, regenerate them with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenFilesTest {

  static final ServiceLayout LINUX =
      ServiceLayout.linux("/opt/relay-agent", "/opt/relay-agent/runtime");
  static final ServiceLayout WINDOWS =
      ServiceLayout.windows(
          "C:\\Program Files\\relay-agent", "C:\\Program Files\\relay-agent\\runtime");

  static void assertGolden(String name, String actual) throws IOException {
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

  @Test
  void prunsrvCommand() throws IOException {
    assertGolden("prunsrv.txt", WindowsService.prunsrv(WINDOWS));
  }

  @Test
  void winswXml() throws IOException {
    assertGolden("relay-agent-service.xml", WindowsService.winsw(WINDOWS));
  }

  @Test
  void netshRules() throws IOException {
    assertGolden("netsh-java.txt", WindowsService.netsh(WindowsService.javaExe(WINDOWS)));
  }

  @Test
  void windowsInstructions() throws IOException {
    assertGolden("windows-install.txt", WindowsService.instructions(WINDOWS));
  }

  @Test
  void linuxFirewall() throws IOException {
    assertGolden("nftables.txt", LinuxFirewall.nftables());
    assertGolden("iptables.txt", LinuxFirewall.iptables());
  }
}
