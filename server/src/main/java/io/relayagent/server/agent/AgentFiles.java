package io.relayagent.server.agent;

import io.relayagent.server.ServerDirectory;
import io.relayagent.server.edge.EdgeRelayRegistry;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documents every agent gets: the policy (with the registered edge relays) and the SiteList,
 * read from the server directory and re-read when they change. An agent whose id has a file of its
 * own, {@code policies/<agent id>.xml}, gets that policy instead of the base one, as an
 * administrator assigns policies to groups (relays get relay capability, laptops do not); the
 * SiteLists follow the same layout, with a list of their own for relays ({@link SiteListFiles}).
 */
public final class AgentFiles {
  private static final Logger log = LoggerFactory.getLogger(AgentFiles.class);
  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final PolicyDocument policy;
  private final SiteListFiles siteLists;
  private final Path policies;
  private final EdgeRelayRegistry registry;
  private final Map<String, PolicyDocument> assigned = new ConcurrentHashMap<>();

  private AgentFiles(
      PolicyDocument policy, SiteListFiles siteLists, Path policies, EdgeRelayRegistry registry) {
    this.policy = policy;
    this.siteLists = siteLists;
    this.policies = policies;
    this.registry = registry;
  }

  /**
   * Reads the policy and the SiteLists.
   *
   * @throws XmlFileException if a file exists but is not valid: the server does not start with it
   * @throws IOException if a file cannot be read, or an agent's SiteList has a site the relays'
   *     list lacks
   */
  public static AgentFiles load(ServerDirectory dir, EdgeRelayRegistry registry)
      throws XmlFileException, IOException {
    PolicyDocument policy = new PolicyDocument(dir.policy(), registry);
    SiteListFiles siteLists =
        new SiteListFiles(
            dir.siteList(),
            dir.resolve(SiteListFiles.RELAYS_FILE),
            dir.resolve(SiteListFiles.OWN_DIRECTORY));
    policy.load();
    siteLists.load();
    return new AgentFiles(policy, siteLists, dir.resolve("policies"), registry);
  }

  /** The base policy, for agents without a policy of their own. */
  PolicyDocument policy() {
    return policy;
  }

  /** The policy assigned to {@code agentId} ({@code policies/<id>.xml}), or the base policy. */
  PolicyDocument policyFor(String agentId) {
    if (!AGENT_ID.matcher(agentId).matches()) {
      return policy;
    }
    Path file = policies.resolve(agentId + ".xml");
    if (!Files.isRegularFile(file)) {
      assigned.remove(agentId);
      return policy;
    }
    PolicyDocument own = assigned.get(agentId);
    if (own == null) {
      own = new PolicyDocument(file, registry);
      try {
        own.load();
      } catch (XmlFileException | IOException e) {
        log.warn(
            "the policy assigned to {} is not usable; it gets the base policy: {}",
            agentId,
            e.getMessage());
        return policy;
      }
      assigned.put(agentId, own);
    }
    return own;
  }

  /** The SiteLists: the relays', each agent's own, the base list. */
  SiteListFiles siteLists() {
    return siteLists;
  }
}
