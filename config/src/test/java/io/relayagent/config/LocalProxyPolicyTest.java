package io.relayagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.sitelist.HostPort;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A proxy set outside the policy file ({@code relay-agent proxy set}) follows the rules of {@code
 * <proxy>}: the same messages, no credentials, and never an override of its own.
 */
class LocalProxyPolicyTest {

  @Test
  void local_manualProxy_isCanonicalWithoutCredentials() {
    ProxyPolicy proxy =
        ProxyPolicy.local(" manual ", "[FD00::1]", 3128, List.of("*.Corp.Example", "10.0.0.0/8"));

    assertThat(proxy.mode()).isEqualTo(ProxyMode.MANUAL);
    assertThat(proxy.server()).contains(HostPort.parse("[fd00::1]", 3128));
    assertThat(proxy.credentials()).isEmpty();
    assertThat(proxy.userOverrideAllowed()).isFalse();
    assertThat(proxy.bypass())
        .extracting(ProxyBypass::toString)
        .containsExactly("*.corp.example", "10.0.0.0/8");
  }

  @Test
  void local_modeNoneWithoutServer_connectsDirectly() {
    assertThat(ProxyPolicy.local("none", null, null, List.of()))
        .isEqualTo(
            new ProxyPolicy(ProxyMode.NONE, Optional.empty(), Optional.empty(), List.of(), false));
  }

  @Test
  void local_manualWithoutPort_isRefusedAsThePolicyIs() {
    assertThatThrownBy(() -> ProxyPolicy.local("manual", "proxy.example", null, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mode=\"manual\" needs both host and port");
  }

  @Test
  void local_portWithoutHost_isRefused() {
    assertThatThrownBy(() -> ProxyPolicy.local("none", null, 3128, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host and port go together; give both or neither");
  }

  @Test
  void local_portOutOfRange_isRefusedNamingIt() {
    assertThatThrownBy(() -> ProxyPolicy.local("manual", "proxy.example", 65536, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port 65536 is out of range (1-65535)");
  }

  @Test
  void local_badHost_isRefusedNamingIt() {
    assertThatThrownBy(() -> ProxyPolicy.local("manual", "proxy..example", 3128, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("host 'proxy..example'");
  }

  @Test
  void local_unknownMode_isRefusedListingTheModes() {
    assertThatThrownBy(() -> ProxyPolicy.local("auto", null, null, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'auto' is not a proxy mode (none, system, manual)");
  }

  @Test
  void local_bypassEverything_isRefused() {
    assertThatThrownBy(() -> ProxyPolicy.local("none", null, null, List.of("*")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bypass: '*' would bypass the proxy for everything");
  }

  @Test
  void local_moreBypassEntriesThanThePolicyMayHave_isRefused() {
    List<String> bypass = new ArrayList<>(Collections.nCopies(ProxyPolicy.MAX_BYPASS, "a.example"));
    bypass.add("b.example");

    assertThatThrownBy(() -> ProxyPolicy.local("none", null, null, bypass))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("at most 256 bypass entries, not 257");
  }
}
