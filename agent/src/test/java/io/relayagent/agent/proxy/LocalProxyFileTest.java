package io.relayagent.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.relayagent.config.ProxyMode;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.files.FileAccess;
import io.relayagent.sitelist.HostPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local proxy setting on disk: kept whole, owner-only, and a damaged file never half-used. */
class LocalProxyFileTest {

  @TempDir Path dir;

  @Test
  void write_thenRead_isTheSameSettingInCanonicalForm() throws Exception {
    LocalProxyFile file = new LocalProxyFile(dir);
    ProxyPolicy proxy =
        ProxyPolicy.local("manual", "Proxy.Corp.Example", 3128, List.of("*.Corp.Example", "::1"));

    file.write(proxy);

    assertThat(file.read()).isEqualTo(new LocalProxy.Present(proxy));
    assertThat(Files.readString(file.path()))
        .isEqualTo(
            "{\"mode\":\"manual\",\"host\":\"proxy.corp.example\",\"port\":3128,"
                + "\"bypass\":[\"*.corp.example\",\"::1\"]}");
  }

  @Test
  void write_fileIsOwnerOnly() throws Exception {
    assumeThat(FileAccess.isPosix(dir)).as("POSIX permissions").isTrue();
    LocalProxyFile file = new LocalProxyFile(dir);

    file.write(ProxyPolicy.local("none", null, null, List.of()));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
        .isEqualTo("rw-------");
  }

  @Test
  void read_noFile_isNone() {
    assertThat(new LocalProxyFile(dir).read()).isEqualTo(new LocalProxy.None());
  }

  @Test
  void read_truncatedFile_isUnusableNamingTheFile() throws Exception {
    LocalProxyFile file = new LocalProxyFile(dir);
    file.write(ProxyPolicy.local("manual", "proxy.example", 3128, List.of()));
    byte[] whole = Files.readAllBytes(file.path());
    Files.write(file.path(), java.util.Arrays.copyOf(whole, whole.length / 2));

    LocalProxy read = file.read();

    assertThat(read).isInstanceOf(LocalProxy.Unusable.class);
    assertThat(((LocalProxy.Unusable) read).file()).isEqualTo(file.path());
    assertThat(((LocalProxy.Unusable) read).reason()).startsWith("not a proxy setting");
  }

  @Test
  void read_oneValueBreaksTheRules_isUnusableWhole() throws Exception {
    // A valid mode and port, a bypass entry that is fine, and a host that is not: nothing of it
    // may apply, not even the part that is valid.
    write(
        "{\"mode\":\"manual\",\"host\":\"proxy..example\",\"port\":3128,"
            + "\"bypass\":[\"10.0.0.0/8\"]}");

    LocalProxy read = new LocalProxyFile(dir).read();

    assertThat(read).isInstanceOf(LocalProxy.Unusable.class);
    assertThat(((LocalProxy.Unusable) read).reason()).startsWith("host ");
  }

  @Test
  void read_manualWithoutPort_isUnusable() throws Exception {
    write("{\"mode\":\"manual\",\"host\":\"proxy.example\",\"bypass\":[]}");

    assertThat(new LocalProxyFile(dir).read())
        .isEqualTo(
            new LocalProxy.Unusable(
                dir.resolve(LocalProxyFile.NAME), "mode=\"manual\" needs both host and port"));
  }

  @Test
  void read_portOfTheWrongType_isUnusable() throws Exception {
    write("{\"mode\":\"manual\",\"host\":\"proxy.example\",\"port\":\"3128\"}");

    LocalProxy read = new LocalProxyFile(dir).read();

    assertThat(read).isInstanceOf(LocalProxy.Unusable.class);
    assertThat(((LocalProxy.Unusable) read).reason()).contains("port");
  }

  @Test
  void read_fileLargerThanAnySetting_isUnusable() throws Exception {
    write("{\"mode\":\"none\",\"x\":\"" + "a".repeat(LocalProxyFile.MAX_BYTES) + "\"}");

    LocalProxy read = new LocalProxyFile(dir).read();

    assertThat(read).isInstanceOf(LocalProxy.Unusable.class);
    assertThat(((LocalProxy.Unusable) read).reason()).startsWith("larger than");
  }

  @Test
  void read_aDirectoryInItsPlace_isUnusable() throws Exception {
    Files.createDirectory(dir.resolve(LocalProxyFile.NAME));

    LocalProxy read = new LocalProxyFile(dir).read();

    assertThat(read).isInstanceOf(LocalProxy.Unusable.class);
    assertThat(((LocalProxy.Unusable) read).reason()).startsWith("cannot be read");
  }

  @Test
  void read_modeNone_keepsNoServer() throws Exception {
    write("{\"mode\":\"none\"}");

    assertThat(new LocalProxyFile(dir).read())
        .isEqualTo(
            new LocalProxy.Present(
                new ProxyPolicy(
                    ProxyMode.NONE,
                    java.util.Optional.<HostPort>empty(),
                    java.util.Optional.empty(),
                    List.of(),
                    false)));
  }

  @Test
  void delete_removesTheFile_andAgainIsNothingToDo() throws Exception {
    LocalProxyFile file = new LocalProxyFile(dir);
    file.write(ProxyPolicy.local("none", null, null, List.of()));

    file.delete();
    file.delete();

    assertThat(file.path()).doesNotExist();
    assertThat(file.read()).isEqualTo(new LocalProxy.None());
  }

  private void write(String content) throws Exception {
    Files.writeString(dir.resolve(LocalProxyFile.NAME), content, StandardCharsets.UTF_8);
  }
}
