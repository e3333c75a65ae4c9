package io.relayagent.tests.cli;

import java.util.Map;

/**
 * What {@code relay-agent status --json} shows of a running agent.
 *
 * @param mode {@code direct}, {@code proxy}, {@code relay} or {@code none}
 * @param route the last ASCI's route, such as {@code relay relay3}
 * @param lastOutcome {@code ok} or why the last ASCI failed
 */
public record StatusView(
    String agentId, String mode, String route, String lastOutcome, RelayPart relay) {

  /** Its relay capability. */
  public record RelayPart(
      boolean enabled,
      boolean running,
      int tunnelPort,
      int openTunnels,
      boolean upstreamReachable) {}

  static StatusView of(Map<String, Object> json) {
    Map<String, Object> relay = CliJson.object(json, "relayCapability");
    return new StatusView(
        CliJson.string(json, "agentId"),
        CliJson.string(json, "mode"),
        CliJson.string(json, "route"),
        CliJson.string(json, "lastOutcome"),
        new RelayPart(
            CliJson.bool(relay, "enabled"),
            CliJson.bool(relay, "running"),
            CliJson.integer(relay, "tunnelPort"),
            CliJson.integer(relay, "openTunnels"),
            CliJson.bool(relay, "upstreamReachable")));
  }

  /** The relay the last ASCI went through, or {@code null} when it went another way. */
  public String relayUsed() {
    return route.startsWith("relay ") ? route.substring("relay ".length()) : null;
  }

  /** Whether it serves as a relay now: running, and its upstream answers. */
  public boolean relayServing() {
    return relay.running() && relay.upstreamReachable();
  }
}
