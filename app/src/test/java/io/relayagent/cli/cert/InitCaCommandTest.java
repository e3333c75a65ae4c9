package io.relayagent.cli.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import io.relayagent.cli.ExitCodes;
import io.relayagent.trust.CertificateInfo;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCaCommandTest {
  @TempDir Path dir;

  @Test
  void initCa_writesTheRootWithItsNameCurveAndValidity_keyOwnerOnly() throws Exception {
    CliRun run =
        CliRun.run(
            "cert",
            "init-ca",
            "--dir",
            dir.toString(),
            "--ca-name",
            "Acme Relay Root",
            "--key-type",
            "p384",
            "--validity-days",
            "30");

    assertThat(run.exitCode()).as(run.err()).isZero();
    X509Certificate root = PemFiles.readCertificates(dir.resolve("ca.pem")).get(0);
    CertificateInfo info = CertificateInfo.of(root);
    assertThat(info.subject()).isEqualTo("CN=Acme Relay Root");
    assertThat(KeyAlgorithm.of(root.getPublicKey())).isEqualTo(KeyAlgorithm.P384);
    assertThat(info.notAfter())
        .isBetween(
            Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
    assertThat(run.out())
        .contains("Created root CA \"CN=Acme Relay Root\", valid until " + info.notAfter())
        .contains("SHA-256 fingerprint: " + info.sha256Fingerprint())
        .contains("wrote " + dir.resolve("ca-key.pem"))
        .contains("wrote " + dir.resolve("trust-bundle.pem"))
        .contains("wrote " + dir.resolve("crl.pem"));
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca-key.pem"))))
        .isEqualTo("rw-------");
  }

  @Test
  void initCa_subject_setsTheWholeDistinguishedName() {
    CliRun run =
        CliRun.run("cert", "init-ca", "--dir", dir.toString(), "--subject", "CN=Root,O=Acme,C=DE");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Created root CA \"CN=Root,O=Acme,C=DE\"");
  }

  @Test
  void initCa_again_exits2NamingTheExistingFile_andForceReplacesIt() throws Exception {
    CliRun.run("cert", "init-ca", "--dir", dir.toString());
    byte[] first = Files.readAllBytes(dir.resolve("ca.pem"));

    CliRun again = CliRun.run("cert", "init-ca", "--dir", dir.toString());

    assertThat(again.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(again.err())
        .isEqualTo(
            "relay-agent: "
                + dir.resolve("ca-key.pem")
                + ": exists; use --force to replace it"
                + System.lineSeparator());
    assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(first);
    assertThat(CliRun.run("cert", "init-ca", "--dir", dir.toString(), "--force").exitCode())
        .isZero();
    assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isNotEqualTo(first);
  }

  @Test
  void initCa_unknownKeyTypeOrNonPositiveValidity_exits2WithTheReason() {
    CliRun curve = CliRun.run("cert", "init-ca", "--dir", dir.toString(), "--key-type", "rsa");
    CliRun days = CliRun.run("cert", "init-ca", "--dir", dir.toString(), "--validity-days", "0");

    assertThat(curve.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(curve.err()).contains("unknown key type \"rsa\": use p256 or p384");
    assertThat(days.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(days.err()).contains("--validity-days must be a positive number of days");
    assertThat(dir.resolve("ca.pem")).doesNotExist();
  }
}
