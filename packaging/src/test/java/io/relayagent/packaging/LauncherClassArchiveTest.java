package io.relayagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/relay-agent's class-data archive, in a distribution laid out as the packages lay it out
 * (bin/relay-agent and jvm.options beside lib/relay-agent.jar and its class list): {@code
 * --make-class-archive} makes the archive from the class list, and the launcher has the JVM map the
 * agent's classes from it only while it is newer than the jar.
 */
class LauncherClassArchiveTest {

  private static final String FROM_ARCHIVE =
      "io.relayagent.cli.RelayAgentCli source: shared objects file";

  @TempDir Path root;
  private Path launcher;
  private Path jar;
  private Path archive;

  @BeforeEach
  void distribution() throws Exception {
    Files.createDirectories(root.resolve("bin"));
    Files.createDirectories(root.resolve("lib"));
    launcher =
        Files.copy(Packages.launchers().resolve("relay-agent"), root.resolve("bin/relay-agent"));
    Files.copy(Packages.launchers().resolve("jvm.options"), root.resolve("bin/jvm.options"));
    jar = Files.copy(Packages.appJar(), root.resolve("lib/relay-agent.jar"));
    archive = root.resolve("lib/relay-agent.jsa");
  }

  @Test
  void makeClassArchive_fromTheClassList_isUsedByTheLauncher() throws Exception {
    Run make = makeArchiveFromTheClassList();

    assertThat(make.output()).isEqualTo("relay-agent: class-data archive " + archive + "\n");
    assertThat(archive).isRegularFile();
    assertThat(root.resolve("lib")).isDirectoryNotContaining("glob:**.tmp*");

    assertThat(versionWithClassLoading().output()).contains(FROM_ARCHIVE);
  }

  @Test
  void archiveOlderThanTheJar_isNotUsed() throws Exception {
    makeArchiveFromTheClassList();
    // A new jar over an archive made for the old one (an upgrade before the postinst runs): the
    // JVM would refuse the archive and then share no class at all, the JDK's own included.
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

    Run version = versionWithClassLoading();
    assertThat(version.exit()).as(version.toString()).isZero();
    assertThat(version.output())
        .doesNotContain(FROM_ARCHIVE)
        .contains("io.relayagent.cli.RelayAgentCli source: file:" + jar);
  }

  @Test
  void makeClassArchive_withoutTheClassList_isAUsageErrorThatNamesIt() throws Exception {
    Run make = Run.of("sh", launcher.toString(), "--make-class-archive");

    assertThat(make.exit()).as(make.toString()).isEqualTo(2);
    assertThat(make.output()).contains("cannot find " + root.resolve("lib/relay-agent.classlist"));
    assertThat(archive).doesNotExist();
  }

  /** The build's class list beside the jar, then {@code --make-class-archive}, which succeeds. */
  private Run makeArchiveFromTheClassList() throws Exception {
    Files.copy(
        Packages.appJar().resolveSibling("relay-agent.classlist"),
        root.resolve("lib/relay-agent.classlist"));
    Run make = Run.of("sh", launcher.toString(), "--make-class-archive");
    assertThat(make.exit()).as(make.toString()).isZero();
    return make;
  }

  /** {@code relay-agent --version}, with the JVM naming where each class came from. */
  private Run versionWithClassLoading() throws Exception {
    return Run.of(
        environment -> environment.put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info"),
        "sh",
        launcher.toString(),
        "--version");
  }
}
