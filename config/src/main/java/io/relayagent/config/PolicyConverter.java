package io.relayagent.config;

import io.relayagent.sitelist.IpLiterals;
import io.relayagent.xml.ParsedXml;
import io.relayagent.xml.XmlProblem;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the binding of a schema-valid file into a {@link Policy}: fills in defaults and checks each
 * value the schema can only check as text (networks, host names, the multicast group, paths),
 * recording a located problem for each bad one.
 */
final class PolicyConverter {
  private final ParsedXml<PolicyXml> parsed;
  private final List<XmlProblem> problems;
  private final RelayConverter relays;

  PolicyConverter(ParsedXml<PolicyXml> parsed, List<XmlProblem> problems) {
    this.parsed = parsed;
    this.problems = problems;
    this.relays = new RelayConverter(this);
  }

  /** The policy; meaningful only if no problem was recorded. */
  Policy convert() {
    PolicyXml xml = parsed.value();
    Duration asci =
        xml.asci == null || xml.asci.intervalMinutes == null
            ? Policy.DEFAULT_ASCI_INTERVAL
            : Duration.ofMinutes(xml.asci.intervalMinutes);
    return new Policy(
        asci,
        relays.server(xml.relayServer),
        relays.client(xml.relayClient),
        new ProxyConverter(this).proxy(xml.proxy),
        eventQueue(xml.eventQueue),
        trust(xml.trust));
  }

  static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  void problem(Object node, String message) {
    problems.add(parsed.problemAt(node != null ? node : parsed.value(), message));
  }

  int lineOf(Object node) {
    return parsed.positions().of(node).line();
  }

  /**
   * Parses one value of each element; a bad one becomes a problem at its element and is left out.
   *
   * @param what names the value in problems, as {@code "allowedNetwork: cidr"}
   */
  <N, T> List<T> each(
      List<N> elements, Function<N, String> value, String what, Function<String, T> parser) {
    List<T> values = new ArrayList<>();
    for (N element : elements) {
      try {
        values.add(parser.apply(value.apply(element).strip()));
      } catch (IllegalArgumentException e) {
        problem(element, what + ": " + e.getMessage());
      }
    }
    return values;
  }

  /** The path in an attribute of an optional element. */
  <N> Optional<Path> path(N element, Function<N, String> value, String what) {
    if (element == null || value.apply(element) == null) {
      return Optional.empty();
    }
    return each(List.of(element), value, what, PolicyConverter::toPath).stream().findFirst();
  }

  Inet6Address multicastGroup(Object node, String text) {
    InetAddress address;
    try {
      address = IpLiterals.parse(text.strip());
    } catch (IllegalArgumentException e) {
      problem(node, "relayClient: multicastGroup " + e.getMessage());
      return RelayClientPolicy.DEFAULT_MULTICAST_GROUP;
    }
    if (!(address instanceof Inet6Address group) || !group.isMulticastAddress()) {
      problem(
          node,
          "relayClient: multicastGroup '" + text + "' is not an IPv6 multicast address (ff00::/8)");
      return RelayClientPolicy.DEFAULT_MULTICAST_GROUP;
    }
    int scope = group.getAddress()[1] & 0x0f;
    if (scope < 1 || scope > 5) {
      problem(
          node,
          "relayClient: multicastGroup '"
              + text
              + "' reaches beyond the site (scope "
              + Integer.toHexString(scope)
              + "); discovery must stay on the LAN: use scope 1-5, ff01:: to ff05::");
    }
    return group;
  }

  private EventQueuePolicy eventQueue(PolicyXml.EventQueue xml) {
    EventQueuePolicy d = EventQueuePolicy.defaults();
    if (xml == null) {
      return d;
    }
    return new EventQueuePolicy(
        orDefault(xml.maxEvents, d.maxEvents()),
        orDefault(xml.maxMiB, d.maxMiB()),
        orDefault(xml.batchSize, d.batchSize()));
  }

  private TrustPolicy trust(PolicyXml.Trust xml) {
    if (xml == null) {
      return TrustPolicy.defaults();
    }
    Optional<Path> key = path(xml.privateKey, k -> k.file, "privateKey: file");
    return new TrustPolicy(
        each(xml.caCertificates, ref -> ref.file, "caCertificate: file", PolicyConverter::toPath),
        path(xml.certificateChain, ref -> ref.file, "certificateChain: file"),
        key,
        key.isEmpty()
            ? Optional.empty()
            : path(xml.privateKey, k -> k.passwordFile, "privateKey: passwordFile"),
        path(xml.crl, ref -> ref.file, "crl: file"));
  }

  /** A path as the policy gives it; only what this platform cannot represent is refused. */
  static Path toPath(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid path: " + e.getReason(), e);
    }
  }
}
