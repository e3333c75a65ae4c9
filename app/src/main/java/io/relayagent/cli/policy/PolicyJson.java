package io.relayagent.cli.policy;

import io.relayagent.config.EventQueuePolicy;
import io.relayagent.config.Policy;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.config.RelayClientPolicy;
import io.relayagent.config.RelayServerPolicy;
import io.relayagent.config.TrustPolicy;
import io.relayagent.sitelist.IpLiterals;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy as JSON values for {@link io.relayagent.protocol.json.ProtocolJson}. Keys are the names
 * of the policy file (docs/policy.md), units included; absent optional values are {@code null}.
 */
final class PolicyJson {
  private PolicyJson() {}

  static Map<String, Object> of(Policy policy) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> asci = new LinkedHashMap<>();
    asci.put("intervalMinutes", policy.asciInterval().toMinutes());
    root.put("asci", asci);
    root.put("relayServer", relayServer(policy.relayServer()));
    root.put("relayClient", relayClient(policy.relayClient()));
    root.put("proxy", proxy(policy.proxy()));
    root.put("eventQueue", eventQueue(policy.eventQueue()));
    root.put("trust", trust(policy.trust()));
    return root;
  }

  private static Map<String, Object> relayServer(RelayServerPolicy server) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("enabled", server.enabled());
    json.put("tunnelPort", server.tunnelPort());
    json.put("maxConnections", server.maxConnections());
    json.put("idleTimeoutSeconds", server.idleTimeout().toSeconds());
    Map<String, Object> cache = new LinkedHashMap<>();
    cache.put("enabled", server.contentCache().enabled());
    cache.put("quotaMiB", server.contentCache().quotaMiB());
    json.put("contentCache", cache);
    Map<String, Object> plain = new LinkedHashMap<>();
    plain.put("enabled", server.plainProxy().enabled());
    plain.put("port", server.plainProxy().port());
    plain.put("allowedNetworks", strings(server.plainProxy().allowedNetworks()));
    json.put("plainProxy", plain);
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("loadDelayMillis", server.discoveryAnswers().loadDelay().toMillis());
    answers.put("busyCpuPercent", server.discoveryAnswers().busyCpuPercent());
    answers.put("busyOnBattery", server.discoveryAnswers().busyOnBattery());
    answers.put("answerWhenBusy", server.discoveryAnswers().answerWhenBusy());
    json.put("discoveryAnswers", answers);
    return json;
  }

  private static Map<String, Object> relayClient(RelayClientPolicy client) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("discoveryEnabled", client.discoveryEnabled());
    json.put("discoveryPort", client.discoveryPort());
    json.put("multicastGroup", IpLiterals.format(client.multicastGroup()));
    json.put("collectWindowMillis", client.collectWindow().toMillis());
    json.put("cachedRelays", client.cachedRelays());
    json.put("cacheExpiryAscis", client.cacheExpiryAscis());
    Map<String, Object> interfaces = new LinkedHashMap<>();
    interfaces.put("include", client.discoveryInterfaces().include());
    interfaces.put("exclude", client.discoveryInterfaces().exclude());
    json.put("discoveryInterfaces", interfaces);
    json.put(
        "staticRelays",
        client.staticRelays().stream()
            .map(
                relay -> {
                  // Ordered, so that the output is stable for scripts and diffs.
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("host", relay.host());
                  entry.put("port", relay.port());
                  return entry;
                })
            .toList());
    return json;
  }

  private static Map<String, Object> proxy(ProxyPolicy proxy) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mode", proxy.mode().xmlName());
    json.put("host", proxy.server().map(server -> server.host()).orElse(null));
    json.put("port", proxy.server().map(server -> server.port()).orElse(null));
    json.put("allowUserOverride", proxy.userOverrideAllowed());
    json.put(
        "credentials",
        proxy
            .credentials()
            .map(
                credentials -> {
                  Map<String, Object> c = new LinkedHashMap<>();
                  c.put("user", credentials.user());
                  c.put("passwordFile", credentials.passwordFile().toString());
                  return c;
                })
            .orElse(null));
    json.put("bypass", strings(proxy.bypass()));
    return json;
  }

  private static Map<String, Object> eventQueue(EventQueuePolicy queue) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("maxEvents", queue.maxEvents());
    json.put("maxMiB", queue.maxMiB());
    json.put("batchSize", queue.batchSize());
    return json;
  }

  private static Map<String, Object> trust(TrustPolicy trust) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("caCertificateFiles", strings(trust.caCertificateFiles()));
    json.put("certificateChainFile", path(trust.certificateChainFile()));
    json.put("privateKeyFile", path(trust.privateKeyFile()));
    json.put("privateKeyPasswordFile", path(trust.privateKeyPasswordFile()));
    json.put("crlFile", path(trust.crlFile()));
    return json;
  }

  private static List<String> strings(List<?> values) {
    return values.stream().map(Object::toString).toList();
  }

  private static String path(Optional<Path> path) {
    return path.map(Path::toString).orElse(null);
  }
}
