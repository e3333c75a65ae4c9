package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matching a server certificate's alternative names to the host a client dialled. */
class HostNameCheckTest {
  @TempDir Path dir;
  private X509Certificate server;

  @BeforeEach
  void issue() throws Exception {
    Credential credential =
        TestHosts.ca(dir)
            .authority()
            .issue(
                IssueRequest.of(Role.SERVER, "mgmt")
                    .withDnsNames(List.of("mgmt.example.test", "*.edge.example.test"))
                    .withIpAddresses(List.of("10.0.0.5", "fd00::5")));
    server = credential.certificate();
  }

  @Test
  void namesAndAddressesInTheCertificate_match_caseAndTrailingDotAside() {
    for (String host :
        List.of(
            "mgmt.example.test",
            "MGMT.Example.Test.",
            "relay7.edge.example.test",
            "10.0.0.5",
            "fd00:0:0:0:0:0:0:5",
            "[fd00::5]")) {
      assertThatCode(() -> HostNameCheck.check(server, host)).as(host).doesNotThrowAnyException();
    }
  }

  @Test
  void otherHosts_wildcardsOverTwoLabels_andTheCommonName_doNotMatch() {
    for (String host :
        List.of(
            "billing.example.test",
            "a.b.edge.example.test",
            "edge.example.test",
            "10.0.0.6",
            "mgmt")) {
      boolean address = Character.isDigit(host.charAt(0));
      assertThatThrownBy(() -> HostNameCheck.check(server, host))
          .as(host)
          .hasMessageContaining(
              address ? "has no IP SAN " + host : "has no DNS SAN matching \"" + host + "\"");
    }
  }

  @Test
  void noHostNameAtAll_isRefusedRatherThanSkipped() {
    assertThatThrownBy(() -> HostNameCheck.check(server, null))
        .hasMessageEndingWith(
            "cannot be matched to a host name: the connection was opened without one");
  }
}
