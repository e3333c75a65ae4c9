package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SignatureException;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalogs signed by the server's key and checked against its certificate. */
class ContentSignaturesTest {
  private static final byte[] CATALOG =
      "{\"version\":3,\"files\":[]}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  @TempDir Path foreignDir;
  private LoopbackPki pki;
  private ContentSignatures.Verifier verifier;

  @BeforeEach
  void issueCertificates() throws Exception {
    pki = TestHosts.all(dir);
    verifier =
        ContentSignatures.verifier(new ChainVerifier(pki.material("agent-1"), Clock.systemUTC()));
  }

  @Test
  void sign_byServer_verifiesWithItsChain() throws Exception {
    ContentSignatures.Signer signer = ContentSignatures.signer(pki.material("mgmt"));

    byte[] signature = signer.sign(CATALOG);

    assertThat(verifier.verify(CATALOG, signature, signer.chain()))
        .isEqualTo(signer.chain().get(0));
  }

  @Test
  void verify_oneByteChanged_isRefusedNamingTheServer() throws Exception {
    ContentSignatures.Signer signer = ContentSignatures.signer(pki.material("mgmt"));
    byte[] signature = signer.sign(CATALOG);
    byte[] altered = CATALOG.clone();
    altered[10] ^= 1;

    assertThatThrownBy(() -> verifier.verify(altered, signature, signer.chain()))
        .isInstanceOf(SignatureException.class)
        .hasMessage(
            "the content signature does not verify with the key of \"CN=mgmt,O=Relay Agent"
                + " Tests\"");
    assertThatThrownBy(() -> verifier.verify(CATALOG, new byte[] {1, 2, 3}, signer.chain()))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void signer_relayOrAgentMaterial_isRefused_soARelayCannotSignACatalog() throws Exception {
    assertThatThrownBy(() -> ContentSignatures.signer(pki.material("relay-1")))
        .hasMessageContaining("is not a server certificate");
    assertThatThrownBy(() -> ContentSignatures.signer(pki.material("agent-1")))
        .hasMessageContaining("is not a server certificate");
  }

  @Test
  void verify_signedWithARelayKey_isRefusedBecauseOnlyServersSign() throws Exception {
    TrustMaterial relay = pki.material("relay-1");
    byte[] signature = new OfferSigner(relay.identity().orElseThrow().privateKey()).sign(CATALOG);

    assertThatThrownBy(
            () -> verifier.verify(CATALOG, signature, relay.identity().orElseThrow().chain()))
        .isInstanceOf(CertificateRejectedException.class)
        .hasMessageContaining("not of a server");
  }

  @Test
  void verify_serverOfAnotherCa_isRefusedAsUntrusted() throws Exception {
    LoopbackPki foreign = LoopbackPki.create(foreignDir, "CN=Rogue CA").issue(Role.SERVER, "mgmt");
    TrustMaterial rogue = TrustMaterial.load(foreign.files("mgmt"));
    ContentSignatures.Signer signer = ContentSignatures.signer(rogue);

    assertThatThrownBy(() -> verifier.verify(CATALOG, signer.sign(CATALOG), signer.chain()))
        .isInstanceOf(CertificateRejectedException.class)
        .hasMessageContaining("not issued by a trusted CA");
  }
}
