package io.relayagent.demo;

/** The policy files of the demo's hosts, written out so that they read like an administrator's. */
final class DemoPolicies {
  private DemoPolicies() {}

  /**
   * The agent: discovery on loopback only (the demo never sends a packet out of a real interface),
   * and a manual proxy that is down, so its direct path to the server fails.
   */
  static String agent(int discoveryPort, int deadProxyPort) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <policy xmlns="urn:relay-agent:policy:1">
          <asci intervalMinutes="60"/>
          <relayServer enabled="false"/>
          <relayClient discoveryPort="%d" collectWindowMillis="300">
            <discoveryInterfaces include="lo" exclude=""/>
          </relayClient>
          <proxy mode="manual" host="127.0.0.1" port="%d"/>
        </policy>
        """
        .formatted(discoveryPort, deadProxyPort);
  }

  /** A relay: relay capability on, its own tunnel port, the shared discovery port. */
  static String relay(int discoveryPort, int tunnelPort) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <policy xmlns="urn:relay-agent:policy:1">
          <asci intervalMinutes="60"/>
          <relayServer enabled="true" tunnelPort="%d" maxConnections="64">
            <contentCache enabled="true" quotaMiB="64"/>
          </relayServer>
          <relayClient discoveryPort="%d">
            <discoveryInterfaces include="lo" exclude=""/>
          </relayClient>
        </policy>
        """
        .formatted(tunnelPort, discoveryPort);
  }

  /** The SiteList every host gets: the management server on loopback. */
  static String siteList(int serverPort) {
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
