package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/**
 * A proxy as the control channel carries it: what {@code proxy-set} asks for (and the agent keeps
 * in its state directory), and a proxy that {@code proxy-show} reports. Only sizes are checked
 * here; the agent checks the values by the rules of the policy's {@code <proxy>}.
 *
 * @param mode {@code none}, {@code system} or {@code manual}
 * @param host the proxy's host, or {@code null} (as {@code port})
 * @param port the proxy's port, or {@code null}
 * @param bypass destinations reached without the proxy, as in the policy's {@code <bypass>}
 */
public record ControlProxySetting(String mode, String host, Integer port, List<String> bypass) {

  /** The most bypass entries one setting holds (the policy's limit too). */
  public static final int MAX_BYPASS = 256;

  public ControlProxySetting {
    mode = Fields.text("mode", mode, 16);
    host = Fields.optionalText("host", host, Fields.MAX_TEXT);
    bypass = Fields.list("bypass", bypass == null ? List.of() : bypass);
    if (bypass.size() > MAX_BYPASS) {
      throw Fields.problem("bypass", "has more than " + MAX_BYPASS + " entries");
    }
    for (int i = 0; i < bypass.size(); i++) {
      Fields.text("bypass[" + i + "]", bypass.get(i), Fields.MAX_TEXT);
    }
  }
}
