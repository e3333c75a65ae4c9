package io.relayagent.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A policy file as docs/policy.md describes it, for an agent or a relay; attributes left unset are
 * left out, so the documented defaults apply, except that a relay is never busy (see {@link
 * #relay}). The one writer of hand-made policy files: the demo ({@link DemoPolicy}), the system
 * tests and the benchmarks use it.
 *
 * <pre>{@code
 * String relay = PolicyText.relay(8083).discoveryInterfaces("eth0").xml();
 * String agent = PolicyText.agent().discoveryInterfaces("eth0").collectWindowMillis(300).xml();
 * }</pre>
 */
public final class PolicyText {

  private final Integer tunnelPort;
  private boolean discoveryEnabled = true;
  private Integer discoveryPort;
  private String discoveryInterfaces;
  private Integer collectWindowMillis;
  private Integer maxConnections;
  private Integer contentCacheMiB;
  private Integer loadDelayMillis;
  private String plainProxy = "";
  private String metrics = "";
  private final List<String> staticRelays = new ArrayList<>();
  private int asciIntervalMinutes = 60;
  private String proxyServer = "";
  private boolean allowUserOverride;

  private PolicyText(Integer tunnelPort) {
    this.tunnelPort = tunnelPort;
  }

  /** An agent: relay capability off. */
  public static PolicyText agent() {
    return new PolicyText(null);
  }

  /**
   * A relay: relay capability on, tunnels on {@code tunnelPort}, the content cache off, and never
   * busy on CPU or battery (the demo's and tests' hosts share one machine).
   */
  public static PolicyText relay(int tunnelPort) {
    return new PolicyText(tunnelPort);
  }

  /**
   * Whether the host itself discovers relays when its direct path fails (a relay still answers).
   */
  public PolicyText discoveryEnabled(boolean enabled) {
    this.discoveryEnabled = enabled;
    return this;
  }

  public PolicyText discoveryPort(int port) {
    this.discoveryPort = port;
    return this;
  }

  /** Discovery on these interfaces only (space-separated names), never the others. */
  public PolicyText discoveryInterfaces(String include) {
    this.discoveryInterfaces = include;
    return this;
  }

  public PolicyText collectWindowMillis(int millis) {
    this.collectWindowMillis = millis;
    return this;
  }

  public PolicyText maxConnections(int max) {
    this.maxConnections = max;
    return this;
  }

  /**
   * How long the relay delays an answer at full load ({@code discoveryAnswers loadDelayMillis}); 0
   * answers at once, the first-responder rule alone.
   */
  public PolicyText loadDelayMillis(int millis) {
    this.loadDelayMillis = millis;
    return this;
  }

  /** The relay's content cache on, with this quota. */
  public PolicyText contentCacheMiB(int quota) {
    this.contentCacheMiB = quota;
    return this;
  }

  /** The relay's plain proxy listener on {@code port}, for {@code allowedNetwork} alone. */
  public PolicyText plainProxy(int port, String allowedNetwork) {
    this.plainProxy =
        "\n    <plainProxy enabled=\"true\" port=\"%d\"><allowedNetwork cidr=\"%s\"/></plainProxy>"
            .formatted(port, allowedNetwork);
    return this;
  }

  /** The relay's Prometheus page on, on loopback at {@code port} ({@code relayServer/metrics}). */
  public PolicyText metrics(int port) {
    this.metrics = "\n    <metrics enabled=\"true\" port=\"%d\"/>".formatted(port);
    return this;
  }

  /** A static relay, tried before discovered ones. */
  public PolicyText staticRelay(String host, int port) {
    staticRelays.add("\n    <staticRelay host=\"%s\" port=\"%d\"/>".formatted(host, port));
    return this;
  }

  /** The ASCI interval (also how long a host waits after a root rollover before it renews). */
  public PolicyText asciIntervalMinutes(int minutes) {
    this.asciIntervalMinutes = minutes;
    return this;
  }

  /** A manual proxy for the direct path to the servers. */
  public PolicyText manualProxy(String host, int port) {
    this.proxyServer = " mode=\"manual\" host=\"%s\" port=\"%d\"".formatted(host, port);
    return this;
  }

  /** A local administrator's proxy setting takes precedence ({@code allowUserOverride}). */
  public PolicyText allowUserOverride() {
    this.allowUserOverride = true;
    return this;
  }

  public String xml() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <policy xmlns="urn:relay-agent:policy:1">
          <asci intervalMinutes="%d"/>
          %s
          <relayClient%s%s%s>%s%s
          </relayClient>%s
        </policy>
        """
        .formatted(
            asciIntervalMinutes,
            relayServer(),
            discoveryEnabled ? "" : " discoveryEnabled=\"false\"",
            attribute("discoveryPort", discoveryPort),
            attribute("collectWindowMillis", collectWindowMillis),
            discoveryInterfaces == null
                ? ""
                : "\n    <discoveryInterfaces include=\"%s\" exclude=\"\"/>"
                    .formatted(discoveryInterfaces),
            String.join("", staticRelays),
            proxy());
  }

  private String proxy() {
    if (proxyServer.isEmpty() && !allowUserOverride) {
      return "";
    }
    return "\n  <proxy%s%s/>"
        .formatted(proxyServer, allowUserOverride ? " allowUserOverride=\"true\"" : "");
  }

  private String relayServer() {
    if (tunnelPort == null) {
      return "<relayServer enabled=\"false\"/>";
    }
    String cache =
        contentCacheMiB == null
            ? "<contentCache enabled=\"false\"/>"
            : "<contentCache enabled=\"true\" quotaMiB=\"%d\"/>".formatted(contentCacheMiB);
    // Never busy: the hosts of the demo, the tests and the benchmarks share one machine's cores,
    // so each relay would see the others' load (and a laptop showing the demo may be on battery).
    String answers =
        "\n    <discoveryAnswers%s busyCpuPercent=\"100\" busyOnBattery=\"false\"/>"
            .formatted(attribute("loadDelayMillis", loadDelayMillis));
    return "<relayServer enabled=\"true\" tunnelPort=\"%d\"%s>\n    %s%s%s%s\n  </relayServer>"
        .formatted(
            tunnelPort,
            attribute("maxConnections", maxConnections),
            cache,
            plainProxy,
            answers,
            metrics);
  }

  private static String attribute(String name, Integer value) {
    return value == null ? "" : " %s=\"%d\"".formatted(name, value);
  }
}
