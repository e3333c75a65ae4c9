package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA directory: what init and issue write, with which usages, and what they refuse. */
class CaDirectoryTest {
  @TempDir Path dir;

  @Test
  void initialize_writesRootCaWithChosenNameCurveAndValidity_keyOwnerOnly() throws Exception {
    CaDirectory ca = new CaDirectory(dir, Clock.systemUTC());

    List<Path> written =
        new Issuance(ca)
            .initialize("CN=Acme Root,O=Acme", KeyAlgorithm.P384, Duration.ofDays(730), false);

    assertThat(written).containsExactly(ca.caKey(), ca.caCertificate(), ca.trustBundle(), ca.crl());
    X509Certificate root = PemFiles.readCertificates(ca.caCertificate()).get(0);
    CertificateInfo info = CertificateInfo.of(root);
    assertThat(info.subject()).isEqualTo("CN=Acme Root,O=Acme");
    assertThat(info.issuer()).isEqualTo("CN=Acme Root,O=Acme");
    assertThat(info.role()).contains(Role.CA);
    assertThat(info.keyUsages()).containsExactly("keyCertSign", "cRLSign");
    assertThat(KeyAlgorithm.of(root.getPublicKey())).isEqualTo(KeyAlgorithm.P384);
    assertThat(Duration.between(info.notBefore(), info.notAfter()))
        .isBetween(Duration.ofDays(730), Duration.ofDays(730).plusMinutes(10));
    assertThat(PemFiles.readCertificates(ca.trustBundle())).containsExactly(root);
    X509CRL crl = PemFiles.readCrls(ca.crl()).get(0);
    assertThat(crl.getRevokedCertificates()).isNull();
    crl.verify(root.getPublicKey());
    assertOwnerOnly(ca.caKey());
    assertThat(posix(ca.caCertificate())).isEqualTo("rw-r--r--");
  }

  @Test
  void initialize_again_refusesWithoutForce_namingTheFile_andKeepsTheCa() throws Exception {
    CaDirectory ca = new CaDirectory(dir, Clock.systemUTC());
    new Issuance(ca).initialize("CN=First", KeyAlgorithm.P256, Duration.ofDays(10), false);
    byte[] before = Files.readAllBytes(ca.caCertificate());

    assertThatThrownBy(
            () ->
                new Issuance(ca)
                    .initialize("CN=Second", KeyAlgorithm.P256, Duration.ofDays(10), false))
        .isInstanceOf(TrustFileException.class)
        .hasMessage(ca.caKey() + ": exists; use --force to replace it");
    assertThat(Files.readAllBytes(ca.caCertificate())).isEqualTo(before);

    new Issuance(ca).initialize("CN=Second", KeyAlgorithm.P256, Duration.ofDays(10), true);
    assertThat(CertificateInfo.of(PemFiles.readCertificates(ca.caCertificate()).get(0)).subject())
        .isEqualTo("CN=Second");
  }

  @Test
  void issue_eachRole_getsItsKeyUsagesExtendedKeyUsagesAndAlternativeNames() throws Exception {
    LoopbackPki pki = TestHosts.ca(dir);
    pki.issue(Role.SERVER, "mgmt").issue(Role.RELAY, "relay-1").issue(Role.AGENT, "agent-1");

    CertificateInfo server = info(pki, "mgmt");
    CertificateInfo relay = info(pki, "relay-1");
    CertificateInfo agent = info(pki, "agent-1");

    assertThat(server.extendedKeyUsages()).containsExactly("serverAuth");
    assertThat(relay.extendedKeyUsages()).containsExactly("serverAuth", "clientAuth");
    assertThat(agent.extendedKeyUsages()).containsExactly("clientAuth");
    for (CertificateInfo info : List.of(server, relay, agent)) {
      assertThat(info.keyUsages()).containsExactly("digitalSignature");
      assertThat(info.issuer()).isEqualTo(TestHosts.ROOT_SUBJECT);
    }
    assertThat(server.role()).contains(Role.SERVER);
    assertThat(relay.role()).contains(Role.RELAY);
    assertThat(agent.role()).contains(Role.AGENT);
    assertThat(server.subject()).isEqualTo("CN=mgmt,O=Relay Agent Tests");
    assertThat(server.subjectAlternativeNames()).containsExactly("DNS:localhost", "IP:127.0.0.1");
    assertThat(PemFiles.readCertificates(pki.directory().certificate("mgmt")))
        .as("NAME.pem holds the chain: certificate, then root")
        .hasSize(2)
        .last()
        .isEqualTo(pki.authority().certificate());
    assertOwnerOnly(pki.directory().privateKey("mgmt"));
  }

  @Test
  void issue_withPassword_alsoWritesPkcs12ThatOpensOnlyWithIt() throws Exception {
    LoopbackPki pki = TestHosts.ca(dir);
    char[] password = "correct horse".toCharArray();

    new Issuance(pki.directory()).issue(IssueRequest.of(Role.AGENT, "laptop-7"), password, false);

    Credential stored = Pkcs12Files.read(pki.directory().pkcs12("laptop-7"), password);
    assertThat(stored.chain())
        .isEqualTo(PemFiles.readCertificates(pki.directory().certificate("laptop-7")));
    assertThat(stored.privateKey().getEncoded())
        .isEqualTo(
            PemFiles.readPrivateKey(pki.directory().privateKey("laptop-7"), null).getEncoded());
    assertOwnerOnly(pki.directory().pkcs12("laptop-7"));
    assertThatThrownBy(
            () -> Pkcs12Files.read(pki.directory().pkcs12("laptop-7"), "wrong".toCharArray()))
        .hasMessage(
            pki.directory().pkcs12("laptop-7") + ": not a PKCS#12 file, or the password is wrong");
  }

  @Test
  void issue_existingName_isRefusedWithoutForce_andNothingIsReplaced() throws Exception {
    LoopbackPki pki = TestHosts.ca(dir).issue(Role.AGENT, "agent-1");
    byte[] key = Files.readAllBytes(pki.directory().privateKey("agent-1"));

    assertThatThrownBy(() -> pki.issue(Role.AGENT, "agent-1"))
        .hasMessage(pki.directory().privateKey("agent-1") + ": exists; use --force to replace it");
    assertThat(Files.readAllBytes(pki.directory().privateKey("agent-1"))).isEqualTo(key);

    new Issuance(pki.directory()).issue(IssueRequest.of(Role.AGENT, "agent-1"), null, true);
    assertThat(Files.readAllBytes(pki.directory().privateKey("agent-1"))).isNotEqualTo(key);
  }

  @Test
  void issue_namesThatWouldEscapeOrClash_areRefused() throws Exception {
    LoopbackPki pki = TestHosts.ca(dir);
    for (String bad :
        List.of("../etc/passwd", "a/b", "ca", "crl", "trust-bundle", "x-key", ".hidden")) {
      assertThatThrownBy(
              () ->
                  new Issuance(pki.directory())
                      .issue(IssueRequest.of(Role.AGENT, bad), null, false))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> CaDirectory.checkName("../etc/passwd"))
        .hasMessageContaining("cannot name a certificate");
  }

  @Test
  void issue_badAlternativeNames_areRefusedBeforeAnythingIsWritten() throws Exception {
    LoopbackPki pki = TestHosts.ca(dir);
    assertThatThrownBy(
            () -> IssueRequest.of(Role.SERVER, "s").withIpAddresses(List.of("mgmt.example")))
        .hasMessage("not an IPv4 or IPv6 address: \"mgmt.example\"");
    assertThatThrownBy(() -> IssueRequest.of(Role.SERVER, "s").withDnsNames(List.of("a b")))
        .hasMessage("not a DNS name: \"a b\"");
    assertThat(pki.directory().issuedNames()).isEmpty();
  }

  private static CertificateInfo info(LoopbackPki pki, String name) throws TrustFileException {
    return CertificateInfo.of(PemFiles.readCertificates(pki.directory().certificate(name)).get(0));
  }

  private static void assertOwnerOnly(Path file) throws Exception {
    assertThat(posix(file)).as(file + " is owner-only").isEqualTo("rw-------");
  }

  private static String posix(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
