package io.relayagent.demo;

import io.relayagent.trust.TrustFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An agent host made the way the demo makes it (a CA, the agent's certificate and key, a policy and
 * a SiteList), but whose SiteList names {@code serverPort}: for the service tests. It lives in the
 * demo's package to reuse {@link DemoWorld}, which is package-private.
 */
public final class ServiceTestWorld {

  private ServiceTestWorld() {}

  /**
   * Returns the agent's state directory: {@code policy.xml}, {@code SiteList.xml} and {@code
   * trust/} in it. The policy has no proxy, so the ASCI goes straight to {@code serverPort}.
   */
  public static Path agentHost(Path root, int serverPort) throws IOException {
    DemoWorld world;
    try {
      world = DemoWorld.create(root);
    } catch (TrustFileException e) {
      throw new IOException(e);
    }
    String policy =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <policy xmlns="urn:relay-agent:policy:1">
          <asci intervalMinutes="60"/>
          <relayServer enabled="false"/>
          <relayClient discoveryPort="%d" collectWindowMillis="300">
            <discoveryInterfaces include="lo" exclude=""/>
          </relayClient>
        </policy>
        """
            .formatted(DemoPorts.freeUdp());
    Path state = world.host(DemoWorld.AGENT, policy);
    Files.writeString(
        state.resolve("SiteList.xml"), DemoPolicies.siteList(serverPort), StandardCharsets.UTF_8);
    return state;
  }
}
