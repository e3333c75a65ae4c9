package io.relayagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.service.ServiceLayout;
import io.relayagent.service.WindowsService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Windows zip holds the launcher, procrun and the jar at the paths that {@code
 * bin\relay-agent.cmd} and the Windows service set-up ({@code WindowsService}) name.
 */
class WindowsZipTest {

  /** IMAGE_FILE_MACHINE_AMD64: procrun must match the 64-bit JVM it loads. */
  private static final int MACHINE_AMD64 = 0x8664;

  private static final int MACHINE_I386 = 0x14c;

  private static ZipFile zip;
  private static String root;

  @BeforeAll
  static void open() throws IOException {
    zip = new ZipFile(Packages.windowsZip().toFile());
    root = "relay-agent-" + Packages.version() + "/";
  }

  @AfterAll
  static void close() throws IOException {
    zip.close();
  }

  @Test
  void zip_holdsExactlyTheDistribution() {
    Set<String> files = new TreeSet<>();
    zip.stream().filter(e -> !e.isDirectory()).forEach(e -> files.add(e.getName()));
    assertThat(files)
        .containsExactlyInAnyOrder(
            root + "bin/relay-agent.cmd",
            root + "bin/jvm.options",
            root + "bin/prunsrv.exe",
            root + "bin/prunmgr.exe",
            root + "lib/relay-agent.jar",
            root + "licenses/procrun-LICENSE.txt",
            root + "licenses/procrun-NOTICE.txt",
            root + "README.txt");
  }

  @Test
  void prunsrv_isA64BitWindowsExecutable() throws IOException {
    assertThat(machine("bin/prunsrv.exe")).isEqualTo(MACHINE_AMD64);
  }

  @Test
  void prunmgr_isAWindowsExecutable() throws IOException {
    // Commons Daemon builds the monitor for x86 only; it manages 64-bit services all the same.
    assertThat(machine("bin/prunmgr.exe")).isIn(MACHINE_AMD64, MACHINE_I386);
  }

  @Test
  void jar_isTheAppJar() throws IOException, NoSuchAlgorithmException {
    assertThat(sha256(read("lib/relay-agent.jar")))
        .isEqualTo(sha256(Files.readAllBytes(Packages.appJar())));
  }

  @Test
  void launcher_isTheRepositoryLauncherWithWindowsLineEnds() throws IOException {
    String shipped = new String(read("bin/relay-agent.cmd"), StandardCharsets.UTF_8);
    String source =
        Files.readString(Packages.launchers().resolve("relay-agent.cmd"), StandardCharsets.UTF_8);
    assertThat(shipped).doesNotContainPattern("[^\r]\n");
    assertThat(shipped.replace("\r\n", "\n")).isEqualTo(source.replace("\r\n", "\n"));
  }

  @Test
  void jvmOptions_areTheRepositoryFile() throws IOException {
    assertThat(read("bin/jvm.options"))
        .isEqualTo(Files.readAllBytes(Packages.launchers().resolve("jvm.options")));
  }

  @Test
  void launcher_findsTheJarInTheZip() throws IOException {
    String launcher = new String(read("bin/relay-agent.cmd"), StandardCharsets.UTF_8);
    // The launcher's ROOT is %~dp0.. (bin's parent); its first candidate is the distribution's.
    Matcher jar = Pattern.compile("%ROOT%\\\\([^\"%]+\\.jar)").matcher(launcher);
    assertThat(jar.find()).as(launcher).isTrue();
    assertThat(zip.getEntry(root + jar.group(1).replace('\\', '/'))).as(jar.group(1)).isNotNull();
  }

  @Test
  void serviceSetup_namesOnlyFilesTheZipHolds() {
    String installRoot = "C:\\Program Files\\relay-agent";
    String text =
        WindowsService.prunsrvInstallLine(
            ServiceLayout.windows(installRoot, "C:\\Program Files\\Java"));
    Matcher path = Pattern.compile(Pattern.quote(installRoot) + "\\\\([^\";]+)").matcher(text);
    Set<String> named = new TreeSet<>();
    while (path.find()) {
      named.add(path.group(1).replace('\\', '/'));
    }
    assertThat(named).contains("bin/prunsrv.exe", "lib/relay-agent.jar");
    for (String file : named) {
      assertThat(zip.getEntry(root + file)).as(file + ", named by:\n" + text).isNotNull();
    }
  }

  @Test
  void readme_saysHowToInstall() throws IOException {
    String readme = new String(read("README.txt"), StandardCharsets.UTF_8);
    assertThat(readme)
        .contains("Relay Agent " + Packages.version())
        .contains("bin\\relay-agent.cmd service install")
        .contains("docs/deployment.md")
        .doesNotContain("${");
  }

  /** The machine type in the PE header of a Windows executable. */
  private static int machine(String exe) throws IOException {
    byte[] bytes = read(exe);
    assertThat(new String(bytes, 0, 2, StandardCharsets.US_ASCII)).as(exe).isEqualTo("MZ");
    ByteBuffer image = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int pe = image.getInt(0x3c);
    assertThat(pe).as(exe + ": PE header offset").isBetween(0x40, bytes.length - 6);
    assertThat(image.getInt(pe)).as(exe + ": PE signature").isEqualTo(0x00004550);
    return image.getShort(pe + 4) & 0xffff;
  }

  private static byte[] read(String name) throws IOException {
    ZipEntry entry = zip.getEntry(root + name);
    assertThat(entry).as(root + name).isNotNull();
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
