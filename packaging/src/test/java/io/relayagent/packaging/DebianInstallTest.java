package io.relayagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Installs the .deb on this machine, runs {@code relay-agent} from the PATH, verifies the unit,
 * purges the package and checks that nothing of it is left. Root only (as in CI); it never touches
 * a machine where relay-agent is already installed.
 */
class DebianInstallTest {

  private static final String UNIT = "/lib/systemd/system/relay-agent.service";

  /** Set just before dpkg runs: only a package this test installed is purged afterwards. */
  private static boolean installing;

  @BeforeAll
  static void needsRootAndDpkg() throws Exception {
    skipUnless(Run.onPath("dpkg") && Run.onPath("dpkg-deb"), "dpkg is not installed");
    skipUnless("root".equals(System.getProperty("user.name")), "installing a package needs root");
    skipUnless(!installed(), "relay-agent is installed on this machine; the test leaves it alone");
  }

  @AfterAll
  static void purgeEvenAfterAFailure() throws Exception {
    if (installing && installed()) {
      System.out.println(Run.of("dpkg", "--purge", Packages.DEB_NAME));
    }
  }

  @Test
  void installRunPurge_leavesNothingBehind() throws Exception {
    FileSystemSnapshot before = FileSystemSnapshot.take(Packages.DEB_NAME);
    assertThat(before.accounts()).as("the service account exists before the install").isEmpty();

    installing = true;
    Run install = Run.of("dpkg", "--install", Packages.deb().toString());
    System.out.println(install);
    assertThat(install.exit()).as(install.toString()).isZero();
    assertInstalled();

    // The package's java, not the build's: the launcher uses JAVA_HOME when it is set.
    Run version =
        Run.of(environment -> environment.remove("JAVA_HOME"), "relay-agent", "--version");
    System.out.println(version);
    assertThat(version.exit()).as(version.toString()).isZero();
    assertThat(version.output()).startsWith("relay-agent " + Packages.version() + "\n");

    // The postinst made the class-data archive with this machine's JDK, and the launcher has
    // the JVM map the agent's classes from it instead of reading them from the jar.
    assertThat(Path.of(Packages.DEB_ROOT, "lib", "relay-agent.jsa")).isRegularFile();
    Run shared =
        Run.of(
            environment -> {
              environment.remove("JAVA_HOME");
              environment.put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info");
            },
            "relay-agent",
            "--version");
    assertThat(shared.exit()).as(shared.toString()).isZero();
    assertThat(shared.output())
        .as("classes loaded from the archive")
        .contains("io.relayagent.cli.RelayAgentCli source: shared objects file");

    Run verify = Run.of("systemd-analyze", "verify", UNIT);
    System.out.println(verify);
    // Warnings about other units on this machine are not ours to fix; any line about ours is.
    assertThat(verify.output()).as(verify.toString()).doesNotContain("relay-agent.service");

    Run purge = Run.of("dpkg", "--purge", Packages.DEB_NAME);
    System.out.println(purge);
    assertThat(purge.exit()).as(purge.toString()).isZero();

    FileSystemSnapshot after = FileSystemSnapshot.take(Packages.DEB_NAME);
    assertThat(before.addedIn(after)).as("left behind by the package").isEmpty();
    assertThat(before.removedIn(after)).as("removed by the package").isEmpty();
    assertThat(after.accounts()).as("the service account after the purge").isEmpty();
    System.out.println(
        "purged: "
            + after.paths().size()
            + " paths under the roots as before, no relay-agent account left");
  }

  private static void assertInstalled() throws Exception {
    assertThat(Run.of("getent", "passwd", Packages.DEB_NAME).output())
        .contains(":/var/lib/relay-agent:/usr/sbin/nologin");
    assertThat(Path.of("/usr/bin/relay-agent")).isSymbolicLink();
    assertThat(Path.of("/usr/bin/relay-agent").toRealPath())
        .isEqualTo(Path.of(Packages.DEB_ROOT, "bin", "relay-agent").toRealPath());
    assertThat(Path.of(UNIT)).isRegularFile();
    for (String dir : new String[] {"/etc/relay-agent", "/var/lib/relay-agent"}) {
      PosixFileAttributes attributes =
          Files.readAttributes(Path.of(dir), PosixFileAttributes.class);
      assertThat(attributes.owner().getName()).as(dir).isEqualTo(Packages.DEB_NAME);
      assertThat(attributes.group().getName()).as(dir).isEqualTo(Packages.DEB_NAME);
      assertThat(PosixFilePermissions.toString(attributes.permissions()))
          .as(dir)
          .isEqualTo("rwxr-x---");
    }
  }

  private static boolean installed() throws Exception {
    Run status = Run.of("dpkg-query", "--show", "--showformat=${Status}", Packages.DEB_NAME);
    // Any state dpkg still knows (half-installed, config-files, ...) is something to purge.
    return status.exit() == 0 && !status.output().strip().endsWith("not-installed");
  }

  private static void skipUnless(boolean condition, String reason) {
    if (!condition) {
      System.out.println("SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
  }
}
