package io.relayagent.agent.proxy;

import io.relayagent.config.ProxyMode;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.sitelist.HostPort;
import java.util.List;
import java.util.Optional;

/** The policy's {@code <proxy>} the proxy tests run against. */
final class PolicyProxies {
  private PolicyProxies() {}

  /** A manual proxy, {@code policy-proxy.example:8080}, that allows a local setting or not. */
  static ProxyPolicy manual(boolean allowUserOverride) {
    return new ProxyPolicy(
        ProxyMode.MANUAL,
        Optional.of(new HostPort("policy-proxy.example", 8080)),
        Optional.empty(),
        List.of(),
        allowUserOverride);
  }
}
