package io.relayagent.config;

import io.relayagent.xml.ParsedXml;
import io.relayagent.xml.XmlProblem;
import java.util.List;

/**
 * The rules that span several values, which the schema cannot express. Each broken rule is reported
 * at the element the administrator has to change.
 */
final class PolicyRules {
  private final ParsedXml<PolicyXml> parsed;
  private final List<XmlProblem> problems;

  private PolicyRules(ParsedXml<PolicyXml> parsed, List<XmlProblem> problems) {
    this.parsed = parsed;
    this.problems = problems;
  }

  static void check(Policy policy, ParsedXml<PolicyXml> parsed, List<XmlProblem> problems) {
    PolicyRules rules = new PolicyRules(parsed, problems);
    rules.relayPorts(policy);
    rules.plainProxyNetworks(policy.relayServer().plainProxy());
    rules.eventQueue(policy.eventQueue());
    rules.trust(policy.trust());
  }

  /** A relay listens on all of these at once, so they must differ. */
  private void relayPorts(Policy policy) {
    RelayServerPolicy server = policy.relayServer();
    if (!server.enabled()) {
      return;
    }
    int discoveryPort = policy.relayClient().discoveryPort();
    if (server.tunnelPort() == discoveryPort) {
      report(
          relayServer(),
          "relayServer: tunnelPort "
              + discoveryPort
              + " is also the discoveryPort; a relay uses both, give them different ports");
    }
    PlainProxyPolicy plain = server.plainProxy();
    if (plain.enabled() && plain.port() == server.tunnelPort()) {
      report(plainProxy(), "plainProxy: port " + plain.port() + " is also the tunnelPort");
    }
    if (plain.enabled() && plain.port() == discoveryPort) {
      report(plainProxy(), "plainProxy: port " + plain.port() + " is also the discoveryPort");
    }
    MetricsPolicy metrics = server.metrics();
    // Port 0 asks the system for a free port each time: it cannot clash.
    if (metrics.enabled() && metrics.port() != 0) {
      if (metrics.port() == server.tunnelPort()) {
        report(metrics(), "metrics: port " + metrics.port() + " is also the tunnelPort");
      } else if (plain.enabled() && metrics.port() == plain.port()) {
        report(metrics(), "metrics: port " + metrics.port() + " is also the plainProxy's port");
      }
    }
  }

  /** Checked even while the relay is off, so that switching it on cannot meet a latent error. */
  private void plainProxyNetworks(PlainProxyPolicy plain) {
    if (plain.enabled() && plain.allowedNetworks().isEmpty()) {
      report(
          plainProxy(),
          "plainProxy: enabled=\"true\" needs at least one allowedNetwork (the listener is only"
              + " for named source networks)");
    }
  }

  private void eventQueue(EventQueuePolicy queue) {
    if (queue.batchSize() > queue.maxEvents()) {
      report(
          parsed.value().eventQueue,
          "eventQueue: batchSize "
              + queue.batchSize()
              + " is larger than maxEvents "
              + queue.maxEvents());
    }
  }

  /** A certificate without its key (or the reverse) would be paired with the agent's own file. */
  private void trust(TrustPolicy trust) {
    Object at = parsed.value().trust;
    if (trust.certificateChainFile().isPresent() != trust.privateKeyFile().isPresent()) {
      report(at, "trust: certificateChain and privateKey go together; give both or neither");
    }
  }

  private Object relayServer() {
    return parsed.value().relayServer;
  }

  private Object metrics() {
    RelayXml.Server server = parsed.value().relayServer;
    return server != null && server.metrics != null ? server.metrics : server;
  }

  private Object plainProxy() {
    RelayXml.Server server = parsed.value().relayServer;
    return server != null && server.plainProxy != null ? server.plainProxy : server;
  }

  private void report(Object node, String message) {
    problems.add(parsed.problemAt(node != null ? node : parsed.value(), message));
  }
}
