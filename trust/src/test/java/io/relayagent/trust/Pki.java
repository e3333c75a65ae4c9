package io.relayagent.trust;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A real CA directory in a temporary folder, and the trust material of the hosts it issued. */
final class Pki {
  static final String ROOT_SUBJECT = "CN=Test Relay Root CA,O=Relay Agent Tests";

  final CaDirectory ca;

  private Pki(CaDirectory ca) {
    this.ca = ca;
  }

  static Pki create(Path dir) throws TrustFileException {
    CaDirectory ca = new CaDirectory(dir, Clock.systemUTC());
    new Issuance(ca)
        .initialize(ROOT_SUBJECT, KeyAlgorithm.P256, CertificateAuthority.DEFAULT_VALIDITY, false);
    return new Pki(ca);
  }

  /** Issues NAME for {@code role}, answering to 127.0.0.1 and NAME.example.test. */
  Pki issue(Role role, String name) throws TrustFileException {
    new Issuance(ca)
        .issue(
            IssueRequest.of(role, name)
                .withDnsNames(List.of(name + ".example.test"))
                .withIpAddresses(List.of("127.0.0.1")),
            null,
            false);
    return this;
  }

  CertificateAuthority authority() throws TrustFileException {
    return ca.loadAuthority();
  }

  /** The CA as it was {@code ago}: what it issues now has long begun and may have ended. */
  CertificateAuthority authorityAt(Duration ago) throws TrustFileException {
    CertificateAuthority now = ca.loadAuthority();
    return CertificateAuthority.of(
        now.certificate(), now.privateKey(), Clock.offset(Clock.systemUTC(), ago.negated()));
  }

  /** NAME's material as a host would load it: trusting ca.pem, proving itself with NAME. */
  TrustMaterial material(String name) throws TrustFileException {
    return TrustMaterial.load(
        TrustFiles.trusting(ca.caCertificate())
            .withIdentity(ca.certificate(name), ca.privateKey(name)));
  }

  /** The same, also checking peers against the directory's crl.pem. */
  TrustMaterial materialWithCrl(String name) throws TrustFileException {
    return TrustMaterial.load(
        TrustFiles.trusting(ca.caCertificate())
            .withIdentity(ca.certificate(name), ca.privateKey(name))
            .withCrl(ca.crl()));
  }

  /** Material proving itself with {@code identity}, trusting this CA. */
  TrustMaterial materialFor(Credential identity) throws TrustFileException {
    return TrustMaterial.of(
        PemFiles.readCertificates(ca.caCertificate()), identity, List.of(), null);
  }
}
