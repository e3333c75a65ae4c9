package io.relayagent.agent;

import io.relayagent.agent.connect.RelayFailures;
import io.relayagent.agent.connect.RelayUses;
import io.relayagent.agent.control.ControlRequest;
import io.relayagent.agent.identity.CertificateStatus;
import io.relayagent.agent.proxy.ProxyRecords;
import io.relayagent.agent.proxy.ProxySettings;
import io.relayagent.config.Policy;
import io.relayagent.mesh.client.RelayFailure;
import io.relayagent.mesh.discovery.DiscoveryRound;
import io.relayagent.mesh.discovery.DiscoveryTargets;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.protocol.ErrorReply;
import io.relayagent.protocol.control.ControlCertificate;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlDiscovery;
import io.relayagent.protocol.control.ControlDiscoveryTarget;
import io.relayagent.protocol.control.ControlProxySetting;
import io.relayagent.protocol.control.ControlRelay;
import io.relayagent.protocol.control.ControlRelayFailure;
import io.relayagent.protocol.control.ControlRelays;
import io.relayagent.protocol.control.ControlStatus;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.sitelist.IpLiterals;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The commands the control socket serves ({@link ControlCommands}), each answered with one line of
 * JSON: {@code status}, {@code relays}, {@code discover}, {@code collect-and-send} and {@code
 * check-policy} (the last two run an ASCI now, as McAfee's {@code cmdagent -p} and {@code -c} do),
 * {@code proxy-show}, {@code proxy-set} and {@code proxy-clear} (the local proxy setting), and
 * {@code relay-capability-stop} and {@code -start} (this host's relay, stopped locally), and {@code
 * event-send} (an event from another product on the endpoint).
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
    if (request.argument() != null
        && !command.equals(ControlCommands.PROXY_SET)
        && !command.equals(ControlCommands.EVENT_SEND)) {
      return new ErrorReply(command + " takes no argument");
    }
    try {
      return switch (command) {
        case ControlCommands.STATUS -> status(agent.status());
        case ControlCommands.RELAYS ->
            relays(agent.relays(), agent.status(), failures(), agent.relayUses());
        case ControlCommands.DISCOVER -> discover(agent.discoverRound().get(10, TimeUnit.SECONDS));
        case ControlCommands.COLLECT_AND_SEND, ControlCommands.CHECK_POLICY ->
            status(agent.triggerAsci().get(5, TimeUnit.MINUTES));
        case ControlCommands.PROXY_SHOW ->
            ProxyRecords.toControl(agent.proxySettings().effective());
        case ControlCommands.PROXY_SET -> setProxy(request);
        case ControlCommands.PROXY_CLEAR -> ProxyRecords.toControl(agent.proxySettings().clear());
        case ControlCommands.RELAY_CAPABILITY_STOP -> {
          agent.relayCapability().stopLocally();
          yield status(agent.status());
        }
        case ControlCommands.RELAY_CAPABILITY_START -> {
          agent.relayCapability().startLocally();
          yield status(agent.status());
        }
        case ControlCommands.EVENT_SEND -> new ProductEvents(agent.eventQueue()).send(request);
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

  /** The round's relays, as {@code relays} lists them, and where its request went. */
  private ControlRelays discover(DiscoveryRound round) {
    ControlRelays relays = relays(round.relays(), agent.status(), failures(), agent.relayUses());
    Policy policy = agent.policy();
    return new ControlRelays(
        relays.relays(),
        new ControlDiscovery(
            policy.relayClient().discoveryEnabled(),
            policy.relayClient().discoveryPort(),
            round.targets().stream().map(AgentControl::target).toList()));
  }

  private static ControlDiscoveryTarget target(InetSocketAddress target) {
    return new ControlDiscoveryTarget(
        DiscoveryTargets.interfaceOf(target.getAddress()).orElse(null),
        IpLiterals.format(target.getAddress()));
  }

  /**
   * Each relay's last failure; a relay no longer cached is shown only while a cached one could
   * still be (within the cache's lifetime), so that long-gone relays do not pile up.
   */
  private List<RelayFailures.Entry> failures() {
    Policy policy = agent.policy();
    Instant since =
        agent.clock().instant().minus(policy.relayClient().cacheExpiry(policy.asciInterval()));
    Set<String> cached = new HashSet<>();
    agent.relays().forEach(relay -> cached.add(relay.relayId()));
    return agent.relayFailures().all().stream()
        .filter(entry -> cached.contains(entry.relayId()) || entry.failure().at().isAfter(since))
        .toList();
  }

  private ControlStatus status(AgentStatus status) {
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
        status.relay(),
        certificate(status.certificate()),
        ProxyRecords.toControl(status.proxy()),
        agent.wakeupStatus());
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

  /**
   * The relays in the order tried, each with its last failure; then the relays that failed and are
   * no longer tried (a discovered relay that failed is dropped from the cache), so that every relay
   * the agent gave up on says why.
   */
  static ControlRelays relays(
      List<KnownRelay> relays,
      AgentStatus status,
      List<RelayFailures.Entry> failures,
      RelayUses uses) {
    Map<String, RelayFailures.Entry> failed = new HashMap<>();
    failures.forEach(entry -> failed.put(entry.relayId(), entry));
    List<ControlRelay> rows = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (KnownRelay relay : relays) {
      listed.add(relay.relayId());
      rows.add(relay(relay, status, failed.get(relay.relayId()), uses));
    }
    for (RelayFailures.Entry entry : failures) {
      if (listed.add(entry.relayId())) {
        rows.add(dropped(entry));
      }
    }
    return new ControlRelays(rows);
  }

  private static ControlRelay dropped(RelayFailures.Entry entry) {
    return new ControlRelay(
        entry.relayId(),
        host(entry.address()),
        entry.address().getPort(),
        entry.source() == null ? "discovered" : source(entry.source()),
        0,
        null,
        null,
        "dropped",
        0,
        0,
        failure(entry.failure()));
  }

  private static ControlRelayFailure failure(RelayFailure failure) {
    return new ControlRelayFailure(
        failure.kind().wireName(), failure.detail(), failure.at().toString());
  }

  /**
   * The relay's address as the table shows it: an address in its canonical form (IPv6 short), or
   * the name a static relay is configured by (it is resolved at each connection, not here).
   */
  private static String host(InetSocketAddress address) {
    return address.getAddress() == null
        ? address.getHostString()
        : IpLiterals.format(address.getAddress());
  }

  private static String source(KnownRelay.Source source) {
    return source.name().toLowerCase(Locale.ROOT);
  }

  /**
   * One relay's row. Last used is when an ASCI through it ended, and only since it was first seen:
   * a relay dropped and found again is a new sighting, and its earlier use is not shown as its
   * last.
   */
  private static ControlRelay relay(
      KnownRelay relay, AgentStatus status, RelayFailures.Entry failed, RelayUses uses) {
    boolean inUse = status.route().equals("relay " + relay.relayId());
    Instant lastUsed =
        uses.last(relay.relayId()).filter(at -> !at.isBefore(relay.firstSeen())).orElse(null);
    return new ControlRelay(
        relay.relayId(),
        host(relay.tunnelAddress()),
        relay.tunnelAddress().getPort(),
        source(relay.source()),
        relay.roundTrip().toNanos() / 1e6,
        relay.firstSeen().toString(),
        lastUsed == null ? null : lastUsed.toString(),
        inUse ? "in use" : "cached",
        relay.load(),
        relay.capacity(),
        failed == null ? null : failure(failed.failure()));
  }
}
