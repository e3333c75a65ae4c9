package io.relayagent.protocol.agent;

import io.relayagent.protocol.json.Fields;
import io.relayagent.protocol.json.Version;
import io.relayagent.protocol.json.WireName;

/**
 * What an agent reports at each ASCI: the body of {@code POST /agent/v1/status}.
 *
 * @param policyVersion the policy in force (the {@code ETag} it came with), or {@code null}
 * @param contentVersion the catalog version the agent's content matches, or {@code null}
 * @param relay the relay id the agent reaches the server through; {@code null} when direct
 * @param relayCapability whether the agent's policy switches relay capability on; {@code null} if
 *     the agent does not say
 * @param time when the agent made the report, ISO-8601 with an offset, kept as sent
 * @param certificateExpires when the agent's certificate expires, ISO-8601; {@code null} if the
 *     agent does not say
 * @param certificateRoot the SHA-256 fingerprint of the root CA that issued the agent's
 *     certificate, colon-separated hex as {@code relay-agent cert show} prints it (so that the
 *     administrator sees which hosts still hold a certificate of the previous root during a
 *     rollover); {@code null} if the agent does not say
 * @param relayCapabilityStoppedLocally when a local administrator stopped this host's relay
 *     capability ({@code relay-agent relay-capability stop}), ISO-8601 with an offset; {@code null}
 *     when it is not stopped locally (or the agent does not say)
 * @param relayStatistics what the agent's relay has carried, while its relay capability runs;
 *     {@code null} otherwise (and from an agent older than this member)
 */
public record StatusReport(
    String agentId,
    String agentVersion,
    Version policyVersion,
    Version contentVersion,
    Mode mode,
    String relay,
    Boolean relayCapability,
    String time,
    String certificateExpires,
    String certificateRoot,
    String relayCapabilityStoppedLocally,
    RelayStatistics relayStatistics) {

  /** How the agent reaches the server now. */
  public enum Mode implements WireName {
    DIRECT("direct"),
    RELAY("relay");

    private final String wireName;

    Mode(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }
  }

  public StatusReport {
    agentId = Fields.text("agentId", agentId, Fields.MAX_TEXT);
    agentVersion = Fields.text("agentVersion", agentVersion, Fields.MAX_TEXT);
    mode = Fields.oneOf("mode", mode, Mode.class);
    relay = Fields.optionalText("relay", relay, Fields.MAX_TEXT);
    if (mode == Mode.RELAY && (relay == null || relay.isEmpty())) {
      throw Fields.problem("relay", "is required when mode is relay");
    }
    if (mode == Mode.DIRECT && relay != null) {
      throw Fields.problem("relay", "must be null when mode is direct");
    }
    time = Fields.offsetTime("time", time);
    certificateExpires =
        certificateExpires == null
            ? null
            : Fields.offsetTime("certificateExpires", certificateExpires);
    certificateRoot = Fields.optionalText("certificateRoot", certificateRoot, 128);
    relayCapabilityStoppedLocally =
        relayCapabilityStoppedLocally == null
            ? null
            : Fields.offsetTime("relayCapabilityStoppedLocally", relayCapabilityStoppedLocally);
  }

  /** A report that does not say whether relay capability is stopped locally. */
  public StatusReport(
      String agentId,
      String agentVersion,
      Version policyVersion,
      Version contentVersion,
      Mode mode,
      String relay,
      Boolean relayCapability,
      String time,
      String certificateExpires,
      String certificateRoot) {
    this(
        agentId,
        agentVersion,
        policyVersion,
        contentVersion,
        mode,
        relay,
        relayCapability,
        time,
        certificateExpires,
        certificateRoot,
        null,
        null);
  }
}
