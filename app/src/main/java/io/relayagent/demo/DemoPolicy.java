package io.relayagent.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A host's policy file in a demo world, written out so that it reads like an administrator's:
 * discovery on loopback only (nothing is ever sent out of a real interface) on the world's shared
 * port, relay capability off unless asked for.
 *
 * <pre>{@code
 * String relay = world.policy().relay().xml();
 * String agent = world.policy().deadProxy().staticRelay(port).xml();
 * }</pre>
 */
public final class DemoPolicy {
  private final int discoveryPort;
  private final int deadProxyPort;
  private final List<String> staticRelayHosts = new ArrayList<>();
  private final List<Integer> staticRelays = new ArrayList<>();
  private boolean relay;
  private boolean contentCache = true;
  private boolean deadProxy;
  private boolean allowUserOverride;

  DemoPolicy(int discoveryPort, int deadProxyPort) {
    this.discoveryPort = discoveryPort;
    this.deadProxyPort = deadProxyPort;
  }

  /** Relay capability on, its tunnel on a port the system chooses (read back from its status). */
  public DemoPolicy relay() {
    relay = true;
    return this;
  }

  /** A relay without a content cache: it answers {@code 404} to content requests. */
  public DemoPolicy noContentCache() {
    contentCache = false;
    return this;
  }

  /** A manual proxy that is down (its port refuses connections): the direct path fails. */
  public DemoPolicy deadProxy() {
    deadProxy = true;
    return this;
  }

  /** A local administrator's proxy setting takes precedence ({@code relay-agent proxy set}). */
  public DemoPolicy allowUserOverride() {
    allowUserOverride = true;
    return this;
  }

  /** A static relay on loopback at {@code port}, tried before discovered ones. */
  public DemoPolicy staticRelay(int port) {
    return staticRelay("127.0.0.1", port);
  }

  /**
   * A static relay at {@code host:port}: another loopback address (127.0.0.2) reaches the same
   * listeners but is not among the names of the world's certificates.
   */
  public DemoPolicy staticRelay(String host, int port) {
    staticRelayHosts.add(host);
    staticRelays.add(port);
    return this;
  }

  public String xml() {
    PolicyText policy = relay ? PolicyText.relay(0).maxConnections(64) : PolicyText.agent();
    if (relay && contentCache) {
      policy.contentCacheMiB(64);
    }
    policy.discoveryPort(discoveryPort).discoveryInterfaces("lo").collectWindowMillis(300);
    for (int i = 0; i < staticRelays.size(); i++) {
      policy.staticRelay(staticRelayHosts.get(i), staticRelays.get(i));
    }
    if (deadProxy) {
      policy.manualProxy("127.0.0.1", deadProxyPort);
    }
    if (allowUserOverride) {
      policy.allowUserOverride();
    }
    return policy.xml();
  }

  /** The SiteList every host gets: the management server on loopback at {@code serverPort}. */
  public static String siteList(int serverPort) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ns:SiteLists xmlns:ns="naSiteList" Type="Client" GlobalVersion="1" LocalVersion="1">
          <SiteList Default="1" Name="demo">
            <SpipeSite Type="master" Name="demo-server" Order="1" Server="localhost:%d" ServerIP="127.0.0.1:%d" Enabled="1" Local="0"/>
          </SiteList>
        </ns:SiteLists>
        """
        .formatted(serverPort, serverPort);
  }
}
