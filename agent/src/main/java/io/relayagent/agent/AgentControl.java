package io.relayagent.agent;

import io.relayagent.agent.control.ControlRequest;
import io.relayagent.agent.identity.CertificateStatus;
import io.relayagent.agent.proxy.ProxyRecords;
import io.relayagent.agent.proxy.ProxySettings;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.protocol.ErrorReply;
import io.relayagent.protocol.control.ControlCertificate;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlProxySetting;
import io.relayagent.protocol.control.ControlRelay;
import io.relayagent.protocol.control.ControlRelays;
import io.relayagent.protocol.control.ControlStatus;
import io.relayagent.protocol.control.RelayCapabilityStatus;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.sitelist.IpLiterals;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The commands the control socket serves ({@link ControlCommands}), each answered with one line of
 * JSON: {@code status}, {@code relays}, {@code discover}, {@code collect-and-send} and {@code
 * check-policy} (the last two run an ASCI now, as McAfee's {@code cmdagent -p} and {@code -c} do),
 * and {@code proxy-show}, {@code proxy-set} and {@code proxy-clear} (the local proxy setting).
 */
public final class AgentControl {

  private final Agent agent;

  public AgentControl(Agent agent) {
    this.agent = agent;
  }

  /** Answers one request line. */
  public String answer(String line) {
    return ProtocolJson.writeString(reply(line));
  }

  private Object reply(String line) {
    ControlRequest request;
    try {
      request = ControlRequest.parse(line);
    } catch (IllegalArgumentException e) {
      return new ErrorReply("unknown command: '" + line + "'");
    }
    String command = request.command();
    if (request.argument() != null && !command.equals(ControlCommands.PROXY_SET)) {
      return new ErrorReply(command + " takes no argument");
    }
    try {
      return switch (command) {
        case ControlCommands.STATUS -> status(agent.status());
        case ControlCommands.RELAYS -> relays(agent.relays(), agent.status());
        case ControlCommands.DISCOVER ->
            relays(agent.discoverNow().get(10, TimeUnit.SECONDS), agent.status());
        case ControlCommands.COLLECT_AND_SEND, ControlCommands.CHECK_POLICY ->
            status(agent.triggerAsci().get(5, TimeUnit.MINUTES));
        case ControlCommands.PROXY_SHOW ->
            ProxyRecords.toControl(agent.proxySettings().effective());
        case ControlCommands.PROXY_SET -> setProxy(request);
        case ControlCommands.PROXY_CLEAR -> ProxyRecords.toControl(agent.proxySettings().clear());
        default -> new ErrorReply("unknown command: " + command);
      };
    } catch (IOException e) {
      return new ErrorReply(command + " failed: " + e.getMessage());
    } catch (ExecutionException | TimeoutException e) {
      return new ErrorReply(command + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ErrorReply("interrupted");
    }
  }

  private Object setProxy(ControlRequest request) throws IOException {
    try {
      ControlProxySetting setting = request.argument(ControlProxySetting.class);
      return ProxyRecords.toControl(agent.proxySettings().set(setting));
    } catch (MalformedJsonException | IllegalArgumentException e) {
      return new ErrorReply("proxy setting refused: " + e.getMessage());
    } catch (ProxySettings.RefusedException e) {
      return new ErrorReply(e.getMessage());
    }
  }

  static ControlStatus status(AgentStatus status) {
    return new ControlStatus(
        status.agentId(),
        status.mode(),
        status.route(),
        status.server(),
        status.lastAsci() == null ? null : status.lastAsci().toString(),
        status.lastOutcome(),
        status.queueDepth(),
        status.eventsDropped(),
        status.policyVersion(),
        status.contentVersion(),
        new RelayCapabilityStatus(
            status.relay().enabled(),
            status.relay().running(),
            status.relay().tunnelPort(),
            status.relay().openTunnels(),
            status.relay().upstreamReachable()),
        certificate(status.certificate()),
        ProxyRecords.toControl(status.proxy()));
  }

  private static ControlCertificate certificate(CertificateStatus certificate) {
    return new ControlCertificate(
        certificate.state(),
        certificate.name(),
        certificate.role(),
        text(certificate.expires()),
        text(certificate.renewAfter()),
        certificate.root());
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  static ControlRelays relays(List<KnownRelay> relays, AgentStatus status) {
    return new ControlRelays(relays.stream().map(relay -> relay(relay, status)).toList());
  }

  private static ControlRelay relay(KnownRelay relay, AgentStatus status) {
    Instant lastUsed = status.route().equals("relay " + relay.relayId()) ? status.lastAsci() : null;
    return new ControlRelay(
        relay.relayId(),
        IpLiterals.format(relay.tunnelAddress().getAddress()),
        relay.tunnelAddress().getPort(),
        relay.source().name().toLowerCase(Locale.ROOT),
        relay.roundTrip().toNanos() / 1e6,
        relay.firstSeen().toString(),
        lastUsed == null ? null : lastUsed.toString(),
        lastUsed != null ? "in use" : "cached",
        relay.load(),
        relay.capacity());
  }
}
