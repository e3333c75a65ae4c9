package io.relayagent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server.properties: the CA directory, the enrollment validity and the CRL by default. */
class ServerPropertiesTest {
  @TempDir Path dir;

  @Test
  void load_caDirectoryAndValidity_areTaken_relativeToTheDirectory() throws Exception {
    Files.writeString(
        dir.resolve("server.properties"), "ca.directory=../ca\nenrollment.validity=P7D\n");

    ServerSettings settings = ServerSettings.load(dir);

    assertThat(settings.caDirectory()).isEqualTo(dir.resolve("../ca"));
    assertThat(settings.enrollmentValidity()).isEqualTo(Duration.ofDays(7));
    assertThat(settings.effectiveTrust().caFiles())
        .isEqualTo(List.of(dir.resolve("../ca/trust-bundle.pem")));
    assertThat(settings.effectiveTrust().crlFile()).isEqualTo(dir.resolve("../ca/crl.pem"));
    assertThat(settings.effectiveTrust().certificateChainFile())
        .isEqualTo(dir.resolve("server.pem"));
  }

  @Test
  void load_withoutProperties_noCaDirectory_90Days_andCrlPemOnlyIfPresent() throws Exception {
    ServerSettings without = ServerSettings.load(dir);
    Files.writeString(dir.resolve("crl.pem"), "");
    ServerSettings with = ServerSettings.load(dir);

    assertThat(without.caDirectory()).isNull();
    assertThat(without.enrollmentValidity()).isEqualTo(Duration.ofDays(90));
    assertThat(without.effectiveTrust().crlFile()).isNull();
    assertThat(with.effectiveTrust().crlFile()).isEqualTo(dir.resolve("crl.pem"));
  }

  @Test
  void load_badValidity_isRefusedNamingTheKey() throws Exception {
    Files.writeString(dir.resolve("server.properties"), "enrollment.validity=90 days\n");

    assertThatThrownBy(() -> ServerSettings.load(dir))
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("enrollment.validity must be an ISO-8601 duration such as P90D");
  }
}
