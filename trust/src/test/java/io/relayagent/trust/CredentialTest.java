package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialTest {
  @TempDir Path dir;
  private Credential agent;
  private X509Certificate root;

  @BeforeEach
  void issue() throws Exception {
    LoopbackPki pki =
        LoopbackPki.create(dir, "CN=Credential test CA,O=Relay Agent tests")
            .issue(Role.AGENT, "agent-1");
    agent = pki.material("agent-1").identity().orElseThrow();
    root = pki.authority().certificate();
  }

  @Test
  void presentedChain_endingWithTheSelfSignedRoot_leavesTheRootOut() {
    assertThat(agent.chain()).containsExactly(agent.certificate(), root);

    assertThat(agent.presentedChain()).containsExactly(agent.certificate());
  }

  @Test
  void presentedChain_ofTheEndEntityAlone_keepsIt() {
    Credential alone = new Credential(List.of(agent.certificate()), agent.privateKey());

    assertThat(alone.presentedChain()).containsExactly(agent.certificate());
  }

  @Test
  void presentedChain_ofASelfSignedCertificateAlone_keepsIt() {
    // A CA's own credential (the CA certificate and its key) still proves something.
    Credential ca = new Credential(List.of(root), agent.privateKey());

    assertThat(ca.presentedChain()).containsExactly(root);
  }

  @Test
  void presentedChain_endingWithACertificateThatIsNoCa_keepsIt() {
    // Only a root (a CA certificate signed by its own key) is left out, never an end entity.
    Credential twice =
        new Credential(List.of(agent.certificate(), agent.certificate()), agent.privateKey());

    assertThat(twice.presentedChain()).hasSize(2);
  }
}
