package io.relayagent.cli.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import io.relayagent.cli.ExitCodes;
import io.relayagent.trust.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenewCommandTest {
  @TempDir Path dir;

  @BeforeEach
  void issueCertificates() {
    run("cert", "init-ca", "--dir", dir.toString());
    run(
        "cert",
        "issue",
        "--dir",
        dir.toString(),
        "--role",
        "server",
        "--name",
        "mgmt",
        "--dns",
        "mgmt.example.com");
    run("cert", "issue", "--dir", dir.toString(), "--role", "agent", "--name", "agent-1");
  }

  @Test
  void renew_keepRootCa_keepsTheRoot_andRenewsEveryCertificate() throws Exception {
    byte[] root = Files.readAllBytes(dir.resolve("ca.pem"));
    X509Certificate oldServer = certificate("mgmt.pem");

    CliRun run = run("cert", "renew", "--dir", dir.toString(), "--keep-root-ca");

    assertThat(run.out())
        .startsWith("Root CA kept.")
        .containsPattern("agent-1 +renewed")
        .containsPattern("mgmt +renewed");
    assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(root);
    X509Certificate newServer = certificate("mgmt.pem");
    assertThat(newServer.getSerialNumber()).isNotEqualTo(oldServer.getSerialNumber());
    newServer.verify(certificate("ca.pem").getPublicKey());
    assertThat(PemFiles.readCertificates(dir.resolve("trust-bundle.pem"))).hasSize(1);
  }

  @Test
  void renew_withoutKeep_makesANewRoot_bundlesBothRoots_untilFinishRollover() throws Exception {
    X509Certificate oldRoot = certificate("ca.pem");

    CliRun run = run("cert", "renew", "--dir", dir.toString());

    X509Certificate newRoot = certificate("ca.pem");
    assertThat(newRoot).isNotEqualTo(oldRoot);
    assertThat(run.out())
        .startsWith("New root CA; the previous root stays trusted in the bundle.")
        .contains("relay-agent cert finish-rollover --dir " + dir);
    assertThat(PemFiles.readCertificates(dir.resolve("trust-bundle.pem")))
        .containsExactly(newRoot, oldRoot);
    certificate("agent-1.pem").verify(newRoot.getPublicKey());
    assertThat(certificate("previous/agent-1.pem").getIssuerX500Principal())
        .isEqualTo(oldRoot.getSubjectX500Principal());

    CliRun again = CliRun.run("cert", "renew", "--dir", dir.toString());
    assertThat(again.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(again.err()).contains("still holds the previous root");

    assertThat(run("cert", "finish-rollover", "--dir", dir.toString()).out())
        .startsWith("Rollover finished");
    assertThat(PemFiles.readCertificates(dir.resolve("trust-bundle.pem"))).containsExactly(newRoot);
    assertThat(run("cert", "finish-rollover", "--dir", dir.toString()).out())
        .startsWith("No rollover in progress");
  }

  @Test
  void renew_skipsARevokedCertificate_andSaysSo() {
    run("cert", "revoke", "--dir", dir.toString(), "--name", "agent-1");

    CliRun run = run("cert", "renew", "--dir", dir.toString(), "--keep-root-ca");

    assertThat(run.out())
        .containsPattern("agent-1 +skipped: revoked")
        .containsPattern("mgmt +renewed");
  }

  private X509Certificate certificate(String file) throws Exception {
    return PemFiles.readCertificates(dir.resolve(file)).get(0);
  }

  private static CliRun run(String... args) {
    CliRun run = CliRun.run(args);
    assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
    return run;
  }
}
