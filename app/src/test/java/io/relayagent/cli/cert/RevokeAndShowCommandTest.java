package io.relayagent.cli.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import io.relayagent.cli.ExitCodes;
import io.relayagent.trust.CertificateInfo;
import io.relayagent.trust.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevokeAndShowCommandTest {
  @TempDir Path dir;

  @BeforeEach
  void issueCertificates() {
    assertThat(
            CliRun.run("cert", "init-ca", "--dir", dir.toString(), "--ca-name", "Acme Root")
                .exitCode())
        .isZero();
    assertThat(
            CliRun.run(
                    "cert",
                    "issue",
                    "--dir",
                    dir.toString(),
                    "--role",
                    "relay",
                    "--name",
                    "relay-1",
                    "--dns",
                    "relay-1.acme.test",
                    "--ip",
                    "192.0.2.7")
                .exitCode())
        .isZero();
  }

  @Test
  void show_printsSubjectIssuerValidityUsagesNamesAndFingerprint_forTheChain() throws Exception {
    CertificateInfo relay =
        CertificateInfo.of(PemFiles.readCertificates(dir.resolve("relay-1.pem")).get(0));

    CliRun run = CliRun.run("cert", "show", dir.resolve("relay-1.pem").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().replace(System.lineSeparator(), "\n"))
        .containsPattern("Subject: +CN=relay-1\n")
        .containsPattern("Issuer: +CN=Acme Root\n")
        .containsPattern("Serial: +" + relay.serialHex() + "\n")
        .containsPattern("Valid from: +" + relay.notBefore() + "\n")
        .containsPattern("Valid until: +" + relay.notAfter() + "\n")
        .containsPattern("Role: +relay\n")
        .containsPattern("Key usage: +digitalSignature\n")
        .containsPattern("Extended key usage: +serverAuth, clientAuth\n")
        .containsPattern("Alternative names: +DNS:relay-1.acme.test, IP:192.0.2.7\n")
        .contains(relay.sha256Fingerprint())
        .as("the chain's second certificate is the root")
        .containsPattern("Subject: +CN=Acme Root\n")
        .containsPattern("Role: +ca\n");
  }

  @Test
  void show_json_isOneObjectPerCertificate() throws Exception {
    CertificateInfo relay =
        CertificateInfo.of(PemFiles.readCertificates(dir.resolve("relay-1.pem")).get(0));

    CliRun run = CliRun.run("cert", "show", "--json", dir.resolve("relay-1.pem").toString());

    assertThat(run.out().trim())
        .startsWith(
            "[{\"subject\":\"CN=relay-1\",\"issuer\":\"CN=Acme Root\",\"serial\":\""
                + relay.serialHex()
                + "\"")
        .contains(
            "\"role\":\"relay\",\"keyUsage\":[\"digitalSignature\"],\"extendedKeyUsage\":[\"serverAuth\",\"clientAuth\"]")
        .contains("\"subjectAlternativeNames\":[\"DNS:relay-1.acme.test\",\"IP:192.0.2.7\"]")
        .contains(
            "\"sha256Fingerprint\":\""
                + relay.sha256Fingerprint()
                + "\"},{\"subject\":\"CN=Acme Root\"");
  }

  @Test
  void show_fileWithoutCertificates_exits2NamingIt() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "not a certificate");

    CliRun run = CliRun.run("cert", "show", notes.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains(notes + ": no PEM certificate");
  }

  @Test
  void revoke_addsTheSerialToCrlPem_whichShowLists() throws Exception {
    CertificateInfo relay =
        CertificateInfo.of(PemFiles.readCertificates(dir.resolve("relay-1.pem")).get(0));

    CliRun revoke = CliRun.run("cert", "revoke", "--dir", dir.toString(), "--name", "relay-1");

    assertThat(revoke.exitCode()).as(revoke.err()).isZero();
    assertThat(revoke.out())
        .startsWith(
            "Revoked \"CN=relay-1\" serial " + relay.serialHex() + " (issuer \"CN=Acme Root\")")
        .contains("Updated " + dir.resolve("crl.pem"));
    CliRun show = CliRun.run("cert", "show", dir.resolve("crl.pem").toString());
    assertThat(show.out())
        .containsPattern("CRL issuer: +CN=Acme Root")
        .containsPattern("Revoked serials: +" + relay.serialHex());
  }

  @Test
  void revoke_unknownName_exits2NamingTheMissingFile() {
    CliRun run = CliRun.run("cert", "revoke", "--dir", dir.toString(), "--name", "ghost");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains(dir.resolve("ghost.pem") + ": no such file");
  }
}
