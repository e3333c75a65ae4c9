package io.relayagent.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The agent's policy: what the administrator set, with every absent value replaced by its
 * documented default. Immutable; compare two with {@link #equals} to see whether anything changed.
 *
 * <pre>{@code
 * Policy policy = PolicyReader.read(Path.of("/etc/relay-agent/policy.xml"));
 * if (policy.relayServer().enabled()) { ... }
 * }</pre>
 *
 * @param asciInterval how often the agent talks to its server (policy, status, events, content)
 */
public record Policy(
    Duration asciInterval,
    RelayServerPolicy relayServer,
    RelayClientPolicy relayClient,
    ProxyPolicy proxy,
    EventQueuePolicy eventQueue,
    TrustPolicy trust) {

  /** The XML namespace of policy files, version 1. */
  public static final String NAMESPACE = "urn:relay-agent:policy:1";

  public static final Duration DEFAULT_ASCI_INTERVAL = Duration.ofMinutes(60);

  private static final Policy DEFAULTS =
      new Policy(
          DEFAULT_ASCI_INTERVAL,
          RelayServerPolicy.defaults(),
          RelayClientPolicy.defaults(),
          ProxyPolicy.defaults(),
          EventQueuePolicy.defaults(),
          TrustPolicy.defaults());

  public Policy {
    Durations.requireWhole(asciInterval, Duration.ofMinutes(1), "asciInterval");
    Objects.requireNonNull(relayServer, "relayServer");
    Objects.requireNonNull(relayClient, "relayClient");
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(eventQueue, "eventQueue");
    Objects.requireNonNull(trust, "trust");
  }

  /** The policy of an empty policy file, {@code <policy xmlns="urn:relay-agent:policy:1"/>}. */
  public static Policy defaults() {
    return DEFAULTS;
  }
}
