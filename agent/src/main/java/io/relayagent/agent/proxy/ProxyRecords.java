package io.relayagent.agent.proxy;

import io.relayagent.config.ProxyBypass;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.protocol.control.ControlProxy;
import io.relayagent.protocol.control.ControlProxySetting;
import io.relayagent.sitelist.HostPort;

/**
 * A proxy between the agent's terms ({@link ProxyPolicy}) and the control channel's records, both
 * ways; the values are always checked by {@link ProxyPolicy#local}, the rules of the policy's
 * {@code <proxy>}.
 */
public final class ProxyRecords {
  private ProxyRecords() {}

  /**
   * A local setting as sent by {@code relay-agent proxy set} or read from its file.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static ProxyPolicy toPolicy(ControlProxySetting setting) {
    return ProxyPolicy.local(setting.mode(), setting.host(), setting.port(), setting.bypass());
  }

  /** The canonical form of {@code proxy} (lower-case names, IPv6 without brackets); no password. */
  public static ControlProxySetting toRecord(ProxyPolicy proxy) {
    return new ControlProxySetting(
        proxy.mode().xmlName(),
        proxy.server().map(HostPort::host).orElse(null),
        proxy.server().map(HostPort::port).orElse(null),
        proxy.bypass().stream().map(ProxyBypass::toString).toList());
  }

  /** What {@code proxy show} and {@code status} report. */
  public static ControlProxy toControl(EffectiveProxy effective) {
    return new ControlProxy(
        effective.source().text(),
        toRecord(effective.proxy()),
        effective.overrideAllowed(),
        effective.localState(),
        effective.local() instanceof LocalProxy.Present present ? toRecord(present.proxy()) : null);
  }
}
