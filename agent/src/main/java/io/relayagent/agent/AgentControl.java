package io.relayagent.agent;

import io.relayagent.json.JsonWriter;
import io.relayagent.mesh.discovery.KnownRelay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The commands the control socket serves, each answered with one line of JSON: {@code status},
 * {@code relays}, {@code discover}, {@code collect-and-send} and {@code check-policy} (the last two
 * run an ASCI now, as McAfee's {@code cmdagent -p} and {@code -c} do).
 */
public final class AgentControl {

  private final Agent agent;

  public AgentControl(Agent agent) {
    this.agent = agent;
  }

  /** Answers one command. */
  public String answer(String command) {
    try {
      return switch (command) {
        case "status" -> JsonWriter.write(statusJson(agent.status()));
        case "relays" ->
            JsonWriter.write(Map.of("relays", relaysJson(agent.relays(), agent.status())));
        case "discover" ->
            JsonWriter.write(
                Map.of(
                    "relays",
                    relaysJson(agent.discoverNow().get(10, TimeUnit.SECONDS), agent.status())));
        case "collect-and-send", "check-policy" ->
            JsonWriter.write(statusJson(agent.triggerAsci().get(5, TimeUnit.MINUTES)));
        default -> JsonWriter.write(Map.of("error", "unknown command: " + command));
      };
    } catch (ExecutionException | TimeoutException e) {
      return JsonWriter.write(Map.of("error", command + " failed: " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return JsonWriter.write(Map.of("error", "interrupted"));
    }
  }

  static Map<String, Object> statusJson(AgentStatus status) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("agentId", status.agentId());
    json.put("mode", status.mode());
    json.put("route", status.route());
    json.put("server", status.server());
    json.put("lastAsci", status.lastAsci() == null ? null : status.lastAsci().toString());
    json.put("lastOutcome", status.lastOutcome());
    json.put("queueDepth", status.queueDepth());
    json.put("eventsDropped", status.eventsDropped());
    json.put("policyVersion", status.policyVersion());
    json.put("contentVersion", status.contentVersion());
    Map<String, Object> relay = new LinkedHashMap<>();
    relay.put("enabled", status.relay().enabled());
    relay.put("running", status.relay().running());
    relay.put("tunnelPort", status.relay().tunnelPort());
    relay.put("openTunnels", status.relay().openTunnels());
    relay.put("upstreamReachable", status.relay().upstreamReachable());
    json.put("relayCapability", relay);
    return json;
  }

  static List<Object> relaysJson(List<KnownRelay> relays, AgentStatus status) {
    List<Object> list = new ArrayList<>();
    for (KnownRelay relay : relays) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("relayId", relay.relayId());
      json.put("address", relay.tunnelAddress().getHostString());
      json.put("port", relay.tunnelAddress().getPort());
      json.put("source", relay.source().name().toLowerCase(java.util.Locale.ROOT));
      json.put("roundTripMillis", relay.roundTrip().toNanos() / 1e6);
      json.put("firstSeen", relay.firstSeen().toString());
      Instant lastUsed =
          status.route().equals("relay " + relay.relayId()) ? status.lastAsci() : null;
      json.put("lastUsed", lastUsed == null ? null : lastUsed.toString());
      json.put("state", lastUsed != null ? "in use" : "cached");
      json.put("load", relay.load());
      json.put("capacity", relay.capacity());
      list.add(json);
    }
    return list;
  }
}
