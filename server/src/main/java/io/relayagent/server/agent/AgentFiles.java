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
 * administrator assigns policies to groups (relays get relay capability, laptops do not).
 */
public final class AgentFiles {
  private static final Logger log = LoggerFactory.getLogger(AgentFiles.class);
  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final PolicyDocument policy;
  private final SiteListDocument siteList;
  private final Path policies;
  private final EdgeRelayRegistry registry;
  private final Map<String, PolicyDocument> assigned = new ConcurrentHashMap<>();

  private AgentFiles(
      PolicyDocument policy, SiteListDocument siteList, Path policies, EdgeRelayRegistry registry) {
    this.policy = policy;
    this.siteList = siteList;
    this.policies = policies;
    this.registry = registry;
  }

  /**
   * Reads both files.
   *
   * @throws XmlFileException if a file exists but is not valid: the server does not start with it
   */
  public static AgentFiles load(ServerDirectory dir, EdgeRelayRegistry registry)
      throws XmlFileException, IOException {
    PolicyDocument policy = new PolicyDocument(dir.policy(), registry);
    SiteListDocument siteList = new SiteListDocument(dir.siteList());
    policy.load();
    siteList.load();
    return new AgentFiles(policy, siteList, dir.resolve("policies"), registry);
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

  SiteListDocument siteList() {
    return siteList;
  }
}
