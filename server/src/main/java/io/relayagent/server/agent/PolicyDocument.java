package io.relayagent.server.agent;

import io.relayagent.config.Policy;
import io.relayagent.config.PolicyReader;
import io.relayagent.config.PolicyWriter;
import io.relayagent.config.RelayClientPolicy;
import io.relayagent.server.edge.EdgeRelay;
import io.relayagent.server.edge.EdgeRelayRegistry;
import io.relayagent.server.http.Document;
import io.relayagent.sitelist.HostPort;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy handed to agents: the server's base policy file (the defaults if there is none) with
 * every registered edge relay appended to {@code relayClient}'s static relays, as {@link
 * PolicyWriter} writes it (every value explicit). Rebuilt only when the file or the registry
 * changed.
 */
final class PolicyDocument {
  private static final Logger log = LoggerFactory.getLogger(PolicyDocument.class);
  private static final String XML = "application/xml";

  private final WatchedFile<Policy> base;
  private final EdgeRelayRegistry registry;
  private Object builtFrom;
  private long builtAtVersion = -1;
  private Document built;

  PolicyDocument(Path file, EdgeRelayRegistry registry) {
    this.base = new WatchedFile<>(file, PolicyReader.MAX_FILE_BYTES, PolicyReader::parse);
    this.registry = registry;
  }

  void load() throws XmlFileException, IOException {
    base.load();
    current();
  }

  synchronized Document current() throws IOException {
    Optional<WatchedFile.Loaded<Policy>> loaded = base.current();
    Object source = loaded.orElse(null);
    long version = registry.version();
    if (built == null || source != builtFrom || version != builtAtVersion) {
      Policy policy = loaded.map(WatchedFile.Loaded::value).orElse(Policy.defaults());
      built = Document.of(xml(policy, registry.list()).getBytes(StandardCharsets.UTF_8), XML);
      builtFrom = source;
      builtAtVersion = version;
    }
    return built;
  }

  /** The policy with the edge relays appended, skipping any it lists already. */
  static String xml(Policy policy, List<EdgeRelay> edgeRelays) {
    RelayClientPolicy client = policy.relayClient();
    Set<HostPort> relays = new LinkedHashSet<>(client.staticRelays());
    for (EdgeRelay relay : edgeRelays) {
      if (relays.size() >= EdgeRelayRegistry.MAX_RELAYS && !relays.contains(relay.address())) {
        log.warn(
            "edge relay {} is left out of the policy: a policy holds at most {} static relays",
            relay.address(),
            EdgeRelayRegistry.MAX_RELAYS);
        continue;
      }
      relays.add(relay.address());
    }
    RelayClientPolicy withRelays =
        new RelayClientPolicy(
            client.discoveryEnabled(),
            client.discoveryPort(),
            client.multicastGroup(),
            client.collectWindow(),
            client.cachedRelays(),
            client.cacheExpiryAscis(),
            client.discoveryInterfaces(),
            new ArrayList<>(relays));
    return PolicyWriter.toXml(
        new Policy(
            policy.asciInterval(),
            policy.relayServer(),
            withRelays,
            policy.proxy(),
            policy.eventQueue(),
            policy.trust()));
  }
}
