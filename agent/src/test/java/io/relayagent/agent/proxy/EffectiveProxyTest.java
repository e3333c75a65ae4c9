package io.relayagent.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.config.ProxyPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which proxy applies: the local setting only while the policy in force allows it. */
class EffectiveProxyTest {

  private static final ProxyPolicy LOCAL =
      ProxyPolicy.local("manual", "local-proxy.example", 3128, List.of());

  @Test
  void of_noLocalSetting_isThePolicysProxy() {
    ProxyPolicy policy = PolicyProxies.manual(true);

    EffectiveProxy effective = EffectiveProxy.of(policy, new LocalProxy.None());

    assertThat(effective.proxy()).isEqualTo(policy);
    assertThat(effective.source()).isEqualTo(EffectiveProxy.Source.POLICY);
    assertThat(effective.localState()).isEqualTo("none");
  }

  @Test
  void of_localSettingThePolicyAllows_isTheLocalSetting() {
    EffectiveProxy effective =
        EffectiveProxy.of(PolicyProxies.manual(true), new LocalProxy.Present(LOCAL));

    assertThat(effective.proxy()).isEqualTo(LOCAL);
    assertThat(effective.source()).isEqualTo(EffectiveProxy.Source.LOCAL);
    assertThat(effective.overrideAllowed()).isTrue();
    assertThat(effective.localState()).isEqualTo("applied");
  }

  @Test
  void of_localSettingThePolicyForbids_isThePolicysProxyAndSaysWhy() {
    ProxyPolicy policy = PolicyProxies.manual(false);

    EffectiveProxy effective = EffectiveProxy.of(policy, new LocalProxy.Present(LOCAL));

    assertThat(effective.proxy()).isEqualTo(policy);
    assertThat(effective.source()).isEqualTo(EffectiveProxy.Source.POLICY);
    assertThat(effective.overrideAllowed()).isFalse();
    assertThat(effective.localState())
        .isEqualTo(
            "present, not applied: the policy does not allow it (allowUserOverride=\"false\")");
  }

  @Test
  void of_unusableFile_isThePolicysProxyAndNamesTheFile() {
    ProxyPolicy policy = PolicyProxies.manual(true);
    Path file = Path.of("/var/lib/relay-agent/local-proxy.json");

    EffectiveProxy effective =
        EffectiveProxy.of(policy, new LocalProxy.Unusable(file, "not a proxy setting: x"));

    assertThat(effective.proxy()).isEqualTo(policy);
    assertThat(effective.source()).isEqualTo(EffectiveProxy.Source.POLICY);
    assertThat(effective.localState())
        .startsWith("ignored")
        .contains(file.toString())
        .contains("not a proxy setting: x");
  }
}
