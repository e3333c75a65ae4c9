package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PKCS#10 requests as an enrolling host makes them and the server reads them. */
class CertificateRequestsTest {
  @TempDir Path dir;

  @Test
  void create_thenRead_givesTheNameAndTheKey() {
    KeyPair keys = KeyAlgorithm.P256.generateKeyPair();

    CertificateRequests.SigningRequest request =
        CertificateRequests.read(CertificateRequests.create(keys, "laptop-42"), "csr");

    assertThat(request.commonName()).isEqualTo("laptop-42");
    assertThat(request.publicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
  }

  @Test
  void read_signatureDamaged_isRefusedAsNotSignedByItsKey() {
    String pem = CertificateRequests.create(KeyAlgorithm.P256.generateKeyPair(), "laptop-42");
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(body);
    der[der.length - 3] ^= 0x01; // inside the signature's last integer
    String damaged =
        "-----BEGIN CERTIFICATE REQUEST-----\n"
            + Base64.getMimeEncoder().encodeToString(der)
            + "\n-----END CERTIFICATE REQUEST-----\n";

    assertThatThrownBy(() -> CertificateRequests.read(damaged, "csr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("csr ");
  }

  @Test
  void read_oversizeOrNotARequest_isRefusedNamingTheSource() {
    assertThatThrownBy(() -> CertificateRequests.read("x".repeat(9000), "csr"))
        .hasMessageContaining("at most 8192");
    assertThatThrownBy(() -> CertificateRequests.read("hello", "csr"))
        .hasMessageContaining("csr holds no PEM certificate request");
  }

  @Test
  void issue_forTheRequestsKey_certificateCarriesThatKeyAndChainsToTheCa() throws Exception {
    LoopbackPki pki = TestHosts.ca(dir);
    KeyPair keys = KeyAlgorithm.P256.generateKeyPair();
    CertificateRequests.SigningRequest request =
        CertificateRequests.read(CertificateRequests.create(keys, "laptop-42"), "csr");

    List<X509Certificate> chain =
        pki.authority()
            .issue(IssueRequest.of(Role.AGENT, request.commonName()), request.publicKey());

    assertThat(chain.get(0).getPublicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    assertThat(CertificateNames.commonName(chain.get(0))).isEqualTo("laptop-42");
    new ChainVerifier(pki.trustOnly(), java.time.Clock.systemUTC()).verify(chain, Role.AGENT);
  }

  @Test
  void pemText_certificatesRoundTrip() throws Exception {
    LoopbackPki pki = TestHosts.all(dir);
    List<X509Certificate> chain = PemFiles.readCertificates(pki.directory().certificate("mgmt"));

    assertThat(PemText.certificates(PemText.encode(chain), "chain")).isEqualTo(chain);
    assertThatThrownBy(() -> PemText.certificates("", "chain"))
        .hasMessageContaining("chain holds no PEM certificate");
  }
}
