package io.relayagent.tests.cli;

import java.time.Instant;
import java.util.Map;

/**
 * What {@code relay-agent status --json} shows of a running agent.
 *
 * @param mode {@code direct}, {@code proxy}, {@code relay} or {@code none}
 * @param route the last ASCI's route, such as {@code relay relay3}
 * @param server the management server the last ASCI reached, {@code host:port}; {@code null} before
 *     one did
 * @param lastAsci when the last ASCI ran; {@code null} before the first
 * @param lastOutcome {@code ok} or why the last ASCI failed
 * @param queueDepth events in its queue, not yet acknowledged by the server
 * @param eventsDropped events its queue dropped (full, or found damaged) since it started
 * @param contentVersion the catalog version its content matches
 * @param certificate its certificate and enrollment state
 * @param wakeup its wake-up connection; {@code null} before its first ASCI
 */
public record StatusView(
    String agentId,
    String mode,
    String route,
    String server,
    Instant lastAsci,
    String lastOutcome,
    long queueDepth,
    long eventsDropped,
    long contentVersion,
    RelayPart relay,
    CertificatePart certificate,
    WakeupPart wakeup) {

  /**
   * Its wake-up connection (docs/wakeup.md).
   *
   * @param route such as {@code relay relay-1}; {@code null} while it holds none
   * @param since when it opened, ISO-8601
   * @param lastWakeup when the last wake-up it acted on arrived, ISO-8601; {@code null}: none
   */
  public record WakeupPart(String route, String since, String lastWakeup) {}

  /**
   * Its certificate (docs/enrollment.md).
   *
   * @param state {@code enrolled}, {@code renewal due: ...}, {@code not enrolled: ...}, or the last
   *     refusal
   * @param role {@code agent} or {@code relay}; {@code null} before enrollment
   * @param expires ISO-8601; {@code null} before enrollment
   * @param renewAfter ISO-8601; {@code null} before enrollment
   * @param root the issuing root's SHA-256 fingerprint; {@code null} before enrollment
   */
  public record CertificatePart(
      String state, String name, String role, String expires, String renewAfter, String root) {}

  /** Its relay capability. */
  public record RelayPart(
      boolean enabled,
      boolean running,
      int tunnelPort,
      int openTunnels,
      boolean upstreamReachable) {}

  static StatusView of(Map<String, Object> json) {
    Map<String, Object> relay = CliJson.object(json, "relayCapability");
    Map<String, Object> certificate = CliJson.object(json, "certificate");
    Map<String, Object> wakeup = CliJson.object(json, "wakeup");
    String lastAsci = CliJson.string(json, "lastAsci");
    return new StatusView(
        CliJson.string(json, "agentId"),
        CliJson.string(json, "mode"),
        CliJson.string(json, "route"),
        CliJson.string(json, "server"),
        lastAsci == null ? null : Instant.parse(lastAsci),
        CliJson.string(json, "lastOutcome"),
        CliJson.longInteger(json, "queueDepth"),
        CliJson.longInteger(json, "eventsDropped"),
        CliJson.longInteger(json, "contentVersion"),
        new RelayPart(
            CliJson.bool(relay, "enabled"),
            CliJson.bool(relay, "running"),
            CliJson.integer(relay, "tunnelPort"),
            CliJson.integer(relay, "openTunnels"),
            CliJson.bool(relay, "upstreamReachable")),
        new CertificatePart(
            CliJson.string(certificate, "state"),
            CliJson.string(certificate, "name"),
            CliJson.string(certificate, "role"),
            CliJson.string(certificate, "expires"),
            CliJson.string(certificate, "renewAfter"),
            CliJson.string(certificate, "root")),
        wakeup == null
            ? null
            : new WakeupPart(
                CliJson.string(wakeup, "route"),
                CliJson.string(wakeup, "since"),
                CliJson.string(wakeup, "lastWakeup")));
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
