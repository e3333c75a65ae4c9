package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackPkiTest {
  @TempDir Path dir;

  @Test
  void issue_byRoleAndName_namesLoopbackAndIsLoadedAsAHostLoadsIt() throws Exception {
    LoopbackPki pki = LoopbackPki.create(dir, "CN=Loopback CA,O=Relay Agent tests");

    pki.issue(Role.RELAY, "relay-1");
    TrustMaterial relay = pki.material("relay-1");

    Credential identity = relay.identity().orElseThrow();
    CertificateInfo info = CertificateInfo.of(identity.certificate());
    assertThat(info.subject()).isEqualTo("CN=relay-1,O=Relay Agent tests");
    assertThat(info.role()).contains(Role.RELAY);
    assertThat(info.subjectAlternativeNames()).containsExactly("DNS:localhost", "IP:127.0.0.1");
    assertThat(relay.trustedRoots()).containsExactly(pki.authority().certificate());
    assertThat(pki.directory().issuedNames()).containsExactly("relay-1");
  }

  @Test
  void issue_request_keepsItsOwnNames() throws Exception {
    LoopbackPki pki = LoopbackPki.create(dir, "CN=Loopback CA");

    pki.issue(IssueRequest.of(Role.SERVER, "epo").withDnsNames(List.of("epo.example.test")));

    assertThat(
            CertificateInfo.of(pki.material("epo").identity().orElseThrow().certificate())
                .subjectAlternativeNames())
        .containsExactly("DNS:epo.example.test");
  }

  @Test
  void trustOnly_provesNothing_andANameTwice_isRefusedNamingTheFile() throws Exception {
    LoopbackPki pki = LoopbackPki.create(dir, "CN=Loopback CA").issue(Role.AGENT, "agent-1");

    assertThat(pki.trustOnly().identity()).isEmpty();
    assertThatThrownBy(() -> pki.issue(Role.AGENT, "agent-1"))
        .isInstanceOf(TrustFileException.class)
        .hasMessageContaining(pki.directory().privateKey("agent-1").toString());
  }
}
