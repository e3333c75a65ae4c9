package io.relayagent.service.bundle;

import static io.relayagent.service.GoldenFilesTest.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site's install bundle: its files, their modes, and the golden texts of its scripts. */
class InstallBundleTest {
  private static final String DEB = "relay-agent_1.2.0_all.deb";
  private static final String ZIP = "relay-agent-1.2.0-windows.zip";

  @TempDir Path dir;
  private Path packages;

  @BeforeEach
  void packages() throws IOException {
    packages = Files.createDirectories(dir.resolve("packages"));
    Files.writeString(packages.resolve(DEB), "deb");
    Files.writeString(packages.resolve(ZIP), "zip");
    Files.writeString(packages.resolve("unrelated.txt"), "x");
  }

  private InstallBundle.Contents contents(Path packagesDirectory) {
    return new InstallBundle.Contents(
        bytes("-----BEGIN CERTIFICATE-----\n"),
        bytes("<SiteLists/>"),
        bytes("<policy/>"),
        "rae_secret\n",
        packagesDirectory);
  }

  @Test
  void write_holdsTheSiteFilesThePackagesAndOneInstallPerOs() throws IOException {
    Path out = dir.resolve("bundle");

    List<Path> written = InstallBundle.write(out, contents(packages));

    assertThat(written.stream().map(p -> p.getFileName().toString()))
        .containsExactly(
            "ca.pem",
            "SiteList.xml",
            "policy.xml",
            "enrollment-token",
            DEB,
            "install.sh",
            ZIP,
            "install.cmd",
            "README.md");
    assertThat(out.resolve("enrollment-token")).hasContent("rae_secret");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("enrollment-token"))))
        .isEqualTo("rw-------");
    assertThat(out.resolve(DEB)).hasContent("deb");
    assertThat(out.resolve("unrelated.txt")).doesNotExist();
  }

  @Test
  void scripts_matchTheirGoldenFiles() throws IOException {
    Path out = dir.resolve("bundle");
    InstallBundle.write(out, contents(packages));

    assertGolden("bundle-install.sh", Files.readString(out.resolve("install.sh")));
    assertGolden("bundle-install.cmd", Files.readString(out.resolve("install.cmd")));
    assertGolden("bundle-README.md", Files.readString(out.resolve("README.md")));
    assertThat(Files.readString(out.resolve("install.cmd")))
        .doesNotContain("\r\r")
        .contains("\r\n");
  }

  @Test
  void installSh_isValidShell() throws Exception {
    Path out = dir.resolve("bundle");
    InstallBundle.write(out, contents(packages));

    Process check =
        new ProcessBuilder("sh", "-n", out.resolve("install.sh").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor()).as(output).isZero();
  }

  @Test
  void write_onlyTheDebian_hasNoWindowsScript() throws IOException {
    Files.delete(packages.resolve(ZIP));
    Path out = dir.resolve("bundle");

    InstallBundle.write(out, contents(packages));

    assertThat(out.resolve("install.sh")).exists();
    assertThat(out.resolve("install.cmd")).doesNotExist();
    assertThat(out.resolve("README.md")).content().doesNotContain("install.cmd");
  }

  @Test
  void write_noPackagesOrNotEmpty_isRefusedSayingWhy() throws IOException {
    assertThatThrownBy(() -> InstallBundle.write(dir.resolve("a"), contents(dir.resolve("none"))))
        .hasMessageContaining("neither relay-agent_VERSION_all.deb")
        .hasMessageContaining("--packages");
    Path used = Files.createDirectories(dir.resolve("used"));
    Files.writeString(used.resolve("old"), "x");
    assertThatThrownBy(() -> InstallBundle.write(used, contents(packages)))
        .hasMessageContaining("is not empty");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
