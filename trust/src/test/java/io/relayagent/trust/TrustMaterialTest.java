package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a host's trust files, and the errors that name the file to fix. */
class TrustMaterialTest {
  @TempDir Path dir;
  @TempDir Path other;
  private LoopbackPki pki;

  @BeforeEach
  void issueCertificates() throws Exception {
    pki = TestHosts.ca(dir).issue(Role.AGENT, "agent-1").issue(Role.RELAY, "relay-1");
  }

  @Test
  void load_pemFiles_givesRootsIdentityAndCrls() throws Exception {
    TrustMaterial material = TestHosts.withCrl(pki, "agent-1");

    assertThat(material.trustedRoots()).containsExactly(pki.authority().certificate());
    assertThat(material.identity().orElseThrow().certificate())
        .isEqualTo(PemFiles.readCertificates(pki.directory().certificate("agent-1")).get(0));
    assertThat(material.crls()).hasSize(1);
    assertThat(material.crlSource()).isEqualTo(pki.directory().crl().toString());
  }

  @Test
  void load_pkcs12KeyWithPasswordFile_givesTheSameIdentity() throws Exception {
    Path passwordFile = Files.writeString(other.resolve("p12.pass"), "s3cret\n");
    new Issuance(pki.directory())
        .issue(IssueRequest.of(Role.AGENT, "laptop"), "s3cret".toCharArray(), false);

    TrustMaterial material =
        TrustMaterial.load(
            TrustFiles.trusting(pki.directory().trustBundle())
                .withIdentity(null, pki.directory().pkcs12("laptop"))
                .withKeyPasswordFile(passwordFile));

    assertThat(material.identity().orElseThrow().chain())
        .isEqualTo(PemFiles.readCertificates(pki.directory().certificate("laptop")));
  }

  @Test
  void load_encryptedPemKeyWithPasswordFile_isDecrypted_andWithoutItIsRefused() throws Exception {
    Path passwordFile = Files.writeString(other.resolve("key.pass"), "k3y-pass\r\n");
    Path encrypted =
        EncryptedKeys.write(
            other.resolve("agent-key.enc.pem"),
            PemFiles.readPrivateKey(pki.directory().privateKey("agent-1"), null),
            "k3y-pass".toCharArray());
    TrustFiles files =
        TrustFiles.trusting(pki.directory().caCertificate())
            .withIdentity(pki.directory().certificate("agent-1"), encrypted);

    assertThat(TrustMaterial.load(files.withKeyPasswordFile(passwordFile)).identity()).isPresent();
    assertThatThrownBy(() -> TrustMaterial.load(files))
        .hasMessage(encrypted + ": the private key is encrypted and no password was given");
  }

  @Test
  void load_keyOfAnotherCertificate_isRefusedNamingBothFiles() {
    TrustFiles files =
        TrustFiles.trusting(pki.directory().caCertificate())
            .withIdentity(
                pki.directory().certificate("agent-1"), pki.directory().privateKey("relay-1"));

    assertThatThrownBy(() -> TrustMaterial.load(files))
        .isInstanceOf(TrustFileException.class)
        .hasMessage(
            pki.directory().privateKey("relay-1")
                + ": the private key does not belong to the certificate"
                + " CN=agent-1,O=Relay Agent Tests in "
                + pki.directory().certificate("agent-1"));
  }

  @Test
  void load_endEntityCertificateGivenAsCa_isRefusedNamingTheFile() {
    Path wrong = pki.directory().certificate("agent-1");
    assertThatThrownBy(() -> TrustMaterial.load(TrustFiles.trusting(wrong)))
        .hasMessage(wrong + ": CN=agent-1,O=Relay Agent Tests is not a CA certificate");
  }

  @Test
  void load_crlOfAnotherCa_isRefusedNamingTheFile() throws Exception {
    CaDirectory foreign = LoopbackPki.create(other, "CN=Other CA").directory();

    assertThatThrownBy(
            () ->
                TrustMaterial.load(
                    TrustFiles.trusting(pki.directory().caCertificate()).withCrl(foreign.crl())))
        .hasMessage(foreign.crl() + ": the CRL of \"CN=Other CA\" is not signed by a trusted CA");
  }

  @Test
  void load_missingOrNonPemFiles_areRefusedNamingTheFile() throws Exception {
    Path missing = other.resolve("nope.pem");
    Path text = Files.writeString(other.resolve("notes.pem"), "just words", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> TrustMaterial.load(TrustFiles.trusting(missing)))
        .hasMessage(missing + ": no such file");
    assertThatThrownBy(() -> TrustMaterial.load(TrustFiles.trusting(text)))
        .hasMessage(text + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
    assertThatThrownBy(() -> PemFiles.readPrivateKey(pki.directory().caCertificate(), null))
        .hasMessage(
            pki.directory().caCertificate()
                + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
  }

  @Test
  void readPrivateKey_keyEncryptedByOpenSsl_isDecryptedWithItsPassword() throws Exception {
    Path key = Path.of(getClass().getResource("/keys/openssl-encrypted-key.pem").toURI());
    Path publicKey = Path.of(getClass().getResource("/keys/openssl-encrypted-key.pub.pem").toURI());

    PrivateKey decrypted = PemFiles.readPrivateKey(key, "openssl-pass".toCharArray());

    assertThat(KeyMatch.matches(decrypted, EncryptedKeys.readPublicKey(publicKey))).isTrue();
    assertThatThrownBy(() -> PemFiles.readPrivateKey(key, "guess".toCharArray()))
        .hasMessageStartingWith(key + ": the private key cannot be decrypted (wrong password?)");
  }

  @Test
  void passwordFile_emptyIsRefused_andOnlyTheFirstLineCounts() throws Exception {
    Path empty = Files.writeString(other.resolve("empty"), "\n");
    Path twoLines = Files.writeString(other.resolve("two"), "first\nsecond\n");

    assertThatThrownBy(() -> PasswordFiles.read(empty))
        .hasMessage(empty + ": the password in it is empty");
    assertThat(PasswordFiles.read(twoLines)).containsExactly('f', 'i', 'r', 's', 't');
  }
}
