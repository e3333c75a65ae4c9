package io.relayagent.server.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.protocol.ServerPaths;
import io.relayagent.server.ServerFixture;
import io.relayagent.trust.PemFiles;
import io.relayagent.trust.PemText;
import io.relayagent.trust.Rollover;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's certificate renewed on disk while it runs: the catalog is signed with the new key.
 */
class CatalogResigningTest {
  @TempDir Path dir;
  private ServerFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = ServerFixture.start(dir);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void serverCertificateRenewed_catalogChainIsTheNewCertificate() throws Exception {
    String before = fixture.get(fixture.agent("agent-1"), ServerPaths.CATALOG_CHAIN).body();

    new Rollover(fixture.pki.directory())
        .renew(true, Duration.ofDays(30), Duration.ofDays(365), null, false);
    X509Certificate renewed =
        PemFiles.readCertificates(fixture.pki.directory().certificate("mgmt")).get(0);

    String after =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> fixture.get(fixture.agent("agent-1"), ServerPaths.CATALOG_CHAIN).body(),
                chain -> !chain.equals(before));
    assertThat(PemText.certificates(after, "chain").get(0)).isEqualTo(renewed);
    assertThat(fixture.server().certificate()).contains(renewed);
  }
}
