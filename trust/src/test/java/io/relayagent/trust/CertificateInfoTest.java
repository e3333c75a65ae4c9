package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateInfoTest {
  @TempDir Path dir;

  @Test
  void fingerprint_isTheSha256OfTheDerEncoding_inColonSeparatedHex() throws Exception {
    LoopbackPki pki = TestHosts.ca(dir).issue(Role.RELAY, "relay-1");
    X509Certificate relay =
        PemFiles.readCertificates(pki.directory().certificate("relay-1")).get(0);

    CertificateInfo info = CertificateInfo.of(relay);

    String expected =
        HexFormat.of()
            .withUpperCase()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(relay.getEncoded()));
    assertThat(info.sha256Fingerprint().replace(":", "")).isEqualTo(expected);
    assertThat(info.sha256Fingerprint()).hasSize(32 * 3 - 1);
    assertThat(info.serialHex()).isEqualTo(relay.getSerialNumber().toString(16).toUpperCase());
    assertThat(info.role()).contains(Role.RELAY);
  }
}
