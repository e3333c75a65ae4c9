package io.relayagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small value types of the policy: addresses, networks, bypass entries, interface names. */
class ValueTypesTest {

  @Test
  void cidr_contains_matchesByPrefixAndFamily() throws Exception {
    Cidr v4 = Cidr.parse("192.168.16.0/20");
    Cidr v6 = Cidr.parse("fd00::/8");

    assertThat(v4.contains(InetAddress.getByName("192.168.31.255"))).isTrue();
    assertThat(v4.contains(InetAddress.getByName("192.168.32.0"))).isFalse();
    assertThat(v6.contains(InetAddress.getByName("fd12::1"))).isTrue();
    assertThat(v6.contains(InetAddress.getByName("10.0.0.1"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
    assertThat(v6).hasToString("fd00::/8");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0",
        "10.0.0.0/33",
        "10.0.0.0/-1",
        "10.0.0.0/8/8",
        "10.1.0.0/8",
        "host/8",
        "::/x"
      })
  void cidr_parse_refusesBadNetworks(String text) {
    assertThatThrownBy(() -> Cidr.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }

  @Test
  void proxyBypass_matchesNamesDomainsAndNetworks() {
    ProxyBypass suffix = ProxyBypass.parse("*.Corp.Example");
    ProxyBypass host = ProxyBypass.parse("update.example.com");
    ProxyBypass network = ProxyBypass.parse("10.0.0.0/8");
    ProxyBypass v6 = ProxyBypass.parse("::1");

    assertThat(suffix.matches("epo.corp.example")).isTrue();
    assertThat(suffix.matches("EPO.CORP.EXAMPLE.")).isTrue();
    assertThat(suffix.matches("corp.example")).as("the domain itself is not under it").isFalse();
    assertThat(suffix.matches("evilcorp.example")).isFalse();
    assertThat(host.matches("update.example.com")).isTrue();
    assertThat(host.matches("x.update.example.com")).isFalse();
    assertThat(network.matches("10.200.0.1")).isTrue();
    assertThat(network.matches("11.0.0.1")).isFalse();
    assertThat(network.matches("ten.example")).isFalse();
    assertThat(v6.matches("[::1]")).isTrue();
    assertThat(suffix).hasToString("*.corp.example");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "*.", "a b", "user@host", "10.0.0.0/33"})
  void proxyBypass_parse_refusesBadEntries(String text) {
    assertThatThrownBy(() -> ProxyBypass.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void interfaceSelection_defaults_skipVirtualBridgesOnly() {
    InterfaceSelection selection = InterfaceSelection.defaults();

    assertThat(selection.selects("eth0")).isTrue();
    assertThat(selection.selects("enp3s0")).isTrue();
    assertThat(selection.selects("docker0")).isFalse();
    assertThat(selection.selects("br-1a2b3c")).isFalse();
    assertThat(selection.selects("veth12ab")).isFalse();
    assertThat(selection.selects("virbr0")).isFalse();
  }

  @Test
  void interfaceSelection_include_limitsToTheNamedOnesAndExcludeStillApplies() {
    InterfaceSelection selection =
        new InterfaceSelection(List.of("eth?", "wlan0"), List.of("eth9"));

    assertThat(selection.selects("eth0")).isTrue();
    assertThat(selection.selects("wlan0")).isTrue();
    assertThat(selection.selects("eth10")).isFalse();
    assertThat(selection.selects("eth9")).isFalse();
    assertThat(selection.selects("ETH0")).as("interface names are case-sensitive").isFalse();
  }

  @Test
  void interfaceSelection_patternWithRegexCharacters_isTakenLiterally() {
    assertThatThrownBy(() -> new InterfaceSelection(List.of("eth[0-9]"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new InterfaceSelection(List.of("eth.0"), List.of()).selects("eth10")).isFalse();
  }
}
