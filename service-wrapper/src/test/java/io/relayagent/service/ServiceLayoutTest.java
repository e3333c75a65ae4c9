package io.relayagent.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install root is found from the running jar in the .deb's layout and the Windows zip's. */
class ServiceLayoutTest {

  @TempDir Path dir;

  @Test
  void distributionRoot_windowsZip_foundByTheCmdLauncher() throws Exception {
    Path root = dir.resolve("relay-agent-0.1.0");
    Files.createDirectories(root.resolve("bin"));
    Files.createFile(root.resolve("bin/relay-agent.cmd"));
    Path jar = Files.createDirectories(root.resolve("lib")).resolve("relay-agent.jar");

    assertThat(ServiceLayout.distributionRoot(jar)).contains(root);
  }

  @Test
  void distributionRoot_linux_foundByTheShellLauncher() throws Exception {
    Files.createDirectories(dir.resolve("bin"));
    Files.createFile(dir.resolve("bin/relay-agent"));
    Path jar = Files.createDirectories(dir.resolve("lib")).resolve("relay-agent.jar");

    assertThat(ServiceLayout.distributionRoot(jar)).contains(dir);
  }

  @Test
  void distributionRoot_noLauncher_empty() {
    assertThat(ServiceLayout.distributionRoot(dir.resolve("lib/relay-agent.jar"))).isEmpty();
  }

  @Test
  void windows_programDataSpeltOut_pathsUseIt() {
    ServiceLayout layout = ServiceLayout.windows("C:\\ra", "C:\\jre", "C:\\ProgramData");

    assertThat(layout.policy()).isEqualTo("C:\\ProgramData\\relay-agent\\policy.xml");
    assertThat(layout.directories())
        .containsExactly("C:\\ProgramData\\relay-agent", "C:\\ProgramData\\relay-agent\\state");
  }
}
