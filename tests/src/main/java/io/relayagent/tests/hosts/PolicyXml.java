package io.relayagent.tests.hosts;

/**
 * A policy file as docs/policy.md describes it, for an agent or a relay; attributes left unset are
 * left out, so the documented defaults apply.
 *
 * <pre>{@code
 * String relay = PolicyXml.relay(8083).discoveryInterfaces("eth0").xml();
 * String agent = PolicyXml.agent().discoveryInterfaces("eth0").collectWindowMillis(300).xml();
 * }</pre>
 */
public final class PolicyXml {

  private final Integer tunnelPort;
  private boolean discoveryEnabled = true;
  private Integer discoveryPort;
  private String discoveryInterfaces;
  private Integer collectWindowMillis;
  private Integer maxConnections;
  private Integer contentCacheMiB;
  private String plainProxy = "";

  private PolicyXml(Integer tunnelPort) {
    this.tunnelPort = tunnelPort;
  }

  /** An agent: relay capability off. */
  public static PolicyXml agent() {
    return new PolicyXml(null);
  }

  /** A relay: relay capability on, tunnels on {@code tunnelPort}, the content cache off. */
  public static PolicyXml relay(int tunnelPort) {
    return new PolicyXml(tunnelPort);
  }

  /**
   * Whether the host itself discovers relays when its direct path fails (a relay still answers).
   */
  public PolicyXml discoveryEnabled(boolean enabled) {
    this.discoveryEnabled = enabled;
    return this;
  }

  public PolicyXml discoveryPort(int port) {
    this.discoveryPort = port;
    return this;
  }

  /** Discovery on these interfaces only (space-separated names), never the others. */
  public PolicyXml discoveryInterfaces(String include) {
    this.discoveryInterfaces = include;
    return this;
  }

  public PolicyXml collectWindowMillis(int millis) {
    this.collectWindowMillis = millis;
    return this;
  }

  public PolicyXml maxConnections(int max) {
    this.maxConnections = max;
    return this;
  }

  /** The relay's content cache on, with this quota. */
  public PolicyXml contentCacheMiB(int quota) {
    this.contentCacheMiB = quota;
    return this;
  }

  /** The relay's plain proxy listener on {@code port}, for {@code allowedNetwork} alone. */
  public PolicyXml plainProxy(int port, String allowedNetwork) {
    this.plainProxy =
        "\n    <plainProxy enabled=\"true\" port=\"%d\"><allowedNetwork cidr=\"%s\"/></plainProxy>"
            .formatted(port, allowedNetwork);
    return this;
  }

  public String xml() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <policy xmlns="urn:relay-agent:policy:1">
          <asci intervalMinutes="60"/>
          %s
          <relayClient%s%s%s>%s
          </relayClient>
        </policy>
        """
        .formatted(
            relayServer(),
            discoveryEnabled ? "" : " discoveryEnabled=\"false\"",
            attribute("discoveryPort", discoveryPort),
            attribute("collectWindowMillis", collectWindowMillis),
            discoveryInterfaces == null
                ? ""
                : "\n    <discoveryInterfaces include=\"%s\" exclude=\"\"/>"
                    .formatted(discoveryInterfaces));
  }

  private String relayServer() {
    if (tunnelPort == null) {
      return "<relayServer enabled=\"false\"/>";
    }
    String cache =
        contentCacheMiB == null
            ? "<contentCache enabled=\"false\"/>"
            : "<contentCache enabled=\"true\" quotaMiB=\"%d\"/>".formatted(contentCacheMiB);
    return "<relayServer enabled=\"true\" tunnelPort=\"%d\"%s>\n    %s%s\n  </relayServer>"
        .formatted(tunnelPort, attribute("maxConnections", maxConnections), cache, plainProxy);
  }

  private static String attribute(String name, Integer value) {
    return value == null ? "" : " %s=\"%d\"".formatted(name, value);
  }
}
