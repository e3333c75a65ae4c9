package io.relayagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.service.ServiceLayout;
import io.relayagent.service.SystemdUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .deb as dpkg-deb reads it: its fields, its files and modes, its unit and scripts. */
class DebianPackageTest {

  @BeforeAll
  static void needsDpkgDeb() {
    if (!Run.onPath("dpkg-deb")) {
      System.out.println("SKIPPED: dpkg-deb is not installed");
      Assumptions.abort("dpkg-deb is not installed");
    }
  }

  @Test
  void fields_nameVersionAndJavaRuntime() throws Exception {
    assertThat(field("Package")).isEqualTo(Packages.DEB_NAME);
    // jdeb turns Maven's -SNAPSHOT into ~SNAPSHOT, which sorts before the release.
    assertThat(field("Version")).isEqualTo(Packages.version().replace("-SNAPSHOT", "~SNAPSHOT"));
    assertThat(field("Architecture")).isEqualTo("all");
    assertThat(field("Depends"))
        .isEqualTo("default-jre-headless (>= 2:1.17) | java17-runtime-headless, passwd");
  }

  @Test
  void contents_theDistributionTheCommandAndTheUnit() throws Exception {
    Run contents = Run.of("dpkg-deb", "--contents", Packages.deb().toString());
    assertThat(contents.exit()).as(contents.toString()).isZero();
    Map<String, String> files = new TreeMap<>();
    for (String line : contents.output().split("\n")) {
      String[] columns = line.trim().split("\\s+", 6);
      if (!columns[0].startsWith("d")) {
        files.put(columns[5], columns[0] + " " + columns[1]);
      }
    }
    assertThat(files)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "./usr/lib/relay-agent/lib/relay-agent.jar", "-rw-r--r-- root/root",
                "./usr/lib/relay-agent/lib/relay-agent.classlist", "-rw-r--r-- root/root",
                "./usr/lib/relay-agent/bin/relay-agent", "-rwxr-xr-x root/root",
                "./usr/lib/relay-agent/bin/jvm.options", "-rw-r--r-- root/root",
                "./usr/bin/relay-agent -> ../lib/relay-agent/bin/relay-agent",
                    "lrw-r--r-- root/root",
                "./lib/systemd/system/relay-agent.service", "-rw-r--r-- root/root"));
  }

  @Test
  void files_areTheBuiltJarItsClassListTheLauncherItsOptionsAndTheOneWritersUnit(@TempDir Path dir)
      throws Exception {
    Run extract = Run.of("dpkg-deb", "--extract", Packages.deb().toString(), dir.toString());
    assertThat(extract.exit()).as(extract.toString()).isZero();
    assertThat(dir.resolve("usr/lib/relay-agent/lib/relay-agent.jar"))
        .hasSameBinaryContentAs(Packages.appJar());
    assertThat(dir.resolve("usr/lib/relay-agent/lib/relay-agent.classlist"))
        .hasSameBinaryContentAs(Packages.appJar().resolveSibling("relay-agent.classlist"));
    assertThat(dir.resolve("usr/lib/relay-agent/bin/relay-agent"))
        .hasSameBinaryContentAs(Packages.launchers().resolve("relay-agent"));
    assertThat(dir.resolve("usr/lib/relay-agent/bin/jvm.options"))
        .hasSameBinaryContentAs(Packages.launchers().resolve("jvm.options"));
    // The package's layout, without JAVA_HOME: java comes from the runtime package's PATH entry.
    String unit = SystemdUnit.render(ServiceLayout.linux(Packages.DEB_ROOT, ""));
    assertThat(dir.resolve("lib/systemd/system/relay-agent.service"))
        .usingCharset(StandardCharsets.UTF_8)
        .hasContent(unit);
    assertThat(unit)
        .doesNotContain("JAVA_HOME")
        .contains("ExecStart=/usr/lib/relay-agent/bin/relay-agent run ")
        .contains("ConditionPathExists=/etc/relay-agent/policy.xml\n");
  }

  @Test
  void scripts_executableAndValidShell(@TempDir Path dir) throws Exception {
    Run control = Run.of("dpkg-deb", "--control", Packages.deb().toString(), dir.toString());
    assertThat(control.exit()).as(control.toString()).isZero();
    for (String script : new String[] {"postinst", "prerm", "postrm"}) {
      Path file = dir.resolve(script);
      assertThat(Files.isExecutable(file)).as(script).isTrue();
      Run syntax = Run.of("sh", "-n", file.toString());
      assertThat(syntax.exit()).as(syntax.toString()).isZero();
    }
    assertThat(Files.readString(dir.resolve("postrm")))
        .contains("rm -rf /etc/relay-agent /var/lib/relay-agent /var/log/relay-agent")
        .contains("userdel");
    // The class-data archive: made by the postinst, again on a JDK's trigger, gone with the
    // package.
    assertThat(Files.readString(dir.resolve("postinst")))
        .contains("relay-agent --make-class-archive");
    assertThat(Files.readString(dir.resolve("triggers"))).contains("interest-noawait /usr/lib/jvm");
    assertThat(Files.readString(dir.resolve("prerm")))
        .contains("rm -f /usr/lib/relay-agent/lib/relay-agent.jsa");
  }

  private static String field(String name) throws IOException, InterruptedException {
    Run run = Run.of("dpkg-deb", "--field", Packages.deb().toString(), name);
    assertThat(run.exit()).as(run.toString()).isZero();
    return run.output().strip();
  }
}
