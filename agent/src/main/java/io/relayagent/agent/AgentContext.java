package io.relayagent.agent;

import io.relayagent.agent.connect.RelayFailures;
import io.relayagent.agent.connect.ServerConnector;
import io.relayagent.agent.content.ContentUpdater;
import io.relayagent.agent.identity.AgentCertificate;
import io.relayagent.agent.proxy.EffectiveProxy;
import io.relayagent.agent.relay.RelayCapability;
import io.relayagent.config.Policy;
import io.relayagent.mesh.client.HttpSession;
import io.relayagent.protocol.agent.RelayStatistics;
import io.relayagent.sitelist.SiteLists;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** What one ASCI needs from the running agent. */
interface AgentContext {
  String agentId();

  String agentVersion();

  Policy policy();

  /**
   * The proxy for the direct path to the servers: the policy's, or the local administrator's
   * setting while the policy allows it.
   */
  EffectiveProxy proxy();

  /** A short digest of the policy file in force, reported to the server. */
  String policyVersion();

  SiteLists siteLists();

  Path policyFile();

  Path siteListFile();

  /** Re-reads the policy file now (after the server sent a new one) and applies it. */
  void reloadPolicy();

  /** Re-reads the SiteList file now (after the server sent a new one). */
  void reloadSiteList() throws IOException;

  /** The host's certificate: enrollment, trust bundle, renewal. */
  AgentCertificate certificate();

  ServerConnector connector();

  /** Where a relay's failure is recorded, for {@code relay-agent relays}. */
  RelayFailures relayFailures();

  EventSender events();

  /** This host's relay part: whether a local administrator stopped it is in the status report. */
  RelayCapability relayCapability();

  ContentUpdater content();

  Clock clock();

  /** What the agent's relay has carried, for the status report; empty while none runs. */
  default Optional<RelayStatistics> relayStatistics() {
    return Optional.empty();
  }

  /** Sends queued events over a session to the server. */
  interface EventSender {
    /** Sends every queued event in batches; returns how many the server acknowledged. */
    int sendAll(HttpSession session) throws IOException, InterruptedException;
  }
}
