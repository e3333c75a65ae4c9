package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;

/**
 * The answer to {@code proxy-show}, {@code proxy-set} and {@code proxy-clear}, and the proxy part
 * of a {@link ControlStatus}: the proxy the agent's next connection uses, where it comes from, and
 * the local administrator's setting.
 *
 * @param source {@code policy} (the policy's {@code <proxy>}) or {@code local} (the local setting)
 * @param effective the proxy the next ASCI uses
 * @param overrideAllowed whether the policy in force allows a local setting ({@code
 *     allowUserOverride})
 * @param local the local setting's state: {@code none}, {@code applied}, {@code present, not
 *     applied: the policy does not allow it}, or why its file is ignored
 * @param localSetting the local setting as kept, or {@code null} if there is none (or its file is
 *     ignored)
 */
public record ControlProxy(
    String source,
    ControlProxySetting effective,
    boolean overrideAllowed,
    String local,
    ControlProxySetting localSetting) {

  public ControlProxy {
    source = Fields.text("source", source, 16);
    effective = Fields.required("effective", effective, "an object");
    local = Fields.text("local", local, 4096);
  }
}
