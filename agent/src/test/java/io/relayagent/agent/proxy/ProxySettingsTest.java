package io.relayagent.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.config.ProxyPolicy;
import io.relayagent.protocol.control.ControlProxySetting;
import io.relayagent.sitelist.HostPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's one answer to "which proxy": set and clear through the control channel, kept across
 * restarts, applied only while the policy in force allows it, and following a new policy at once.
 */
class ProxySettingsTest {

  private static final ControlProxySetting MANUAL =
      new ControlProxySetting("manual", "local-proxy.example", 3128, List.of());

  @TempDir Path dir;

  private final AtomicReference<ProxyPolicy> policy =
      new AtomicReference<>(PolicyProxies.manual(true));

  @Test
  void set_whileThePolicyAllows_appliesAndSurvivesARestart() throws Exception {
    ProxySettings settings = ProxySettings.open(dir, policy::get);

    EffectiveProxy effective = settings.set(MANUAL);

    assertThat(effective.source()).isEqualTo(EffectiveProxy.Source.LOCAL);
    assertThat(effective.proxy().server()).contains(new HostPort("local-proxy.example", 3128));
    EffectiveProxy afterRestart = ProxySettings.open(dir, policy::get).effective();
    assertThat(afterRestart.source()).isEqualTo(EffectiveProxy.Source.LOCAL);
    assertThat(afterRestart.proxy()).isEqualTo(effective.proxy());
  }

  @Test
  void set_whileThePolicyForbids_isRefusedNamingTheAttribute_andWritesNothing() {
    policy.set(PolicyProxies.manual(false));
    ProxySettings settings = ProxySettings.open(dir, policy::get);

    assertThatThrownBy(() -> settings.set(MANUAL))
        .isInstanceOf(ProxySettings.RefusedException.class)
        .hasMessageContaining("allowUserOverride=\"false\"");
    assertThat(dir.resolve(LocalProxyFile.NAME)).doesNotExist();
    assertThat(settings.effective().source()).isEqualTo(EffectiveProxy.Source.POLICY);
  }

  @Test
  void set_invalidValue_isRefusedAndTheFormerSettingStays() throws Exception {
    ProxySettings settings = ProxySettings.open(dir, policy::get);
    settings.set(MANUAL);
    byte[] before = Files.readAllBytes(dir.resolve(LocalProxyFile.NAME));

    assertThatThrownBy(
            () -> settings.set(new ControlProxySetting("manual", "proxy.example", 0, List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
    assertThat(Files.readAllBytes(dir.resolve(LocalProxyFile.NAME))).isEqualTo(before);
    assertThat(settings.effective().proxy().server())
        .contains(new HostPort("local-proxy.example", 3128));
  }

  @Test
  void effective_policyChangesAllowUserOverride_followsTheNewRuleAtOnce() throws Exception {
    ProxySettings settings = ProxySettings.open(dir, policy::get);
    settings.set(MANUAL);

    policy.set(PolicyProxies.manual(false));
    EffectiveProxy forbidden = settings.effective();
    policy.set(PolicyProxies.manual(true));
    EffectiveProxy allowedAgain = settings.effective();

    assertThat(forbidden.source()).isEqualTo(EffectiveProxy.Source.POLICY);
    assertThat(forbidden.proxy()).isEqualTo(PolicyProxies.manual(false));
    assertThat(forbidden.localState()).isEqualTo(EffectiveProxy.NOT_ALLOWED);
    assertThat(dir.resolve(LocalProxyFile.NAME)).as("kept, not applied").exists();
    assertThat(allowedAgain.source()).isEqualTo(EffectiveProxy.Source.LOCAL);
  }

  @Test
  void clear_evenWhenThePolicyForbids_removesTheSetting() throws Exception {
    ProxySettings settings = ProxySettings.open(dir, policy::get);
    settings.set(MANUAL);
    policy.set(PolicyProxies.manual(false));

    EffectiveProxy cleared = settings.clear();

    assertThat(cleared.localState()).isEqualTo("none");
    assertThat(dir.resolve(LocalProxyFile.NAME)).doesNotExist();
    policy.set(PolicyProxies.manual(true));
    assertThat(ProxySettings.open(dir, policy::get).effective().source())
        .isEqualTo(EffectiveProxy.Source.POLICY);
  }

  @Test
  void open_damagedFile_usesThePolicysProxy_untilASetReplacesIt() throws Exception {
    Files.writeString(dir.resolve(LocalProxyFile.NAME), "{\"mode\":\"manual\",\"host\":");

    ProxySettings settings = ProxySettings.open(dir, policy::get);

    EffectiveProxy effective = settings.effective();
    assertThat(effective.source()).isEqualTo(EffectiveProxy.Source.POLICY);
    assertThat(effective.proxy()).isEqualTo(PolicyProxies.manual(true));
    assertThat(effective.localState()).contains(dir.resolve(LocalProxyFile.NAME).toString());
    assertThat(settings.set(MANUAL).source()).isEqualTo(EffectiveProxy.Source.LOCAL);
  }
}
