package io.relayagent.bench.tunnel;

import io.relayagent.demo.PolicyText;
import io.relayagent.tests.hosts.HostFiles;
import io.relayagent.tests.hosts.SiteListXml;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step one of bench/tunnel.sh: makes the benchmark's CA and certificates in {@code DIR/pki}, picks
 * free loopback ports for every listener, and writes the relay's state directory {@code DIR/relay}
 * for {@code relay-agent run}: its certificate, a SiteList naming nginx (an {@code SpipeSite}, for
 * CONNECT) and the cache benchmark's upstream (the {@code HttpSite} {@value #CONTENT_SITE}), and a
 * relay policy with both listeners, the content cache and a connection limit of {@code
 * MAX_CONNECTIONS}. Prints the ports as {@code NAME=PORT} lines for the script.
 *
 * <pre>java ... TunnelBenchSetup DIR MAX_CONNECTIONS</pre>
 */
public final class TunnelBenchSetup {
  static final String CONTENT_SITE = "bench";
  static final String CONTENT_PATH = "files";
  private static final int CACHE_QUOTA_MIB = 512;
  private static final List<String> TCP_PORTS =
      List.of(
          "NGINX_PORT",
          "SQUID_TLS_PORT",
          "SQUID_HTTP_PORT",
          "RELAY_TLS_PORT",
          "RELAY_PLAIN_PORT",
          "UPSTREAM_PORT");

  private TunnelBenchSetup() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    int maxConnections = Integer.parseInt(args[1]);
    HostFiles files = new BenchPki(work.resolve("pki")).create();
    Map<String, Integer> ports = freePorts();
    String siteList =
        new SiteListXml()
            .managementServer("nginx", "127.0.0.1:" + ports.get("NGINX_PORT"))
            .repository(CONTENT_SITE, "127.0.0.1:" + ports.get("UPSTREAM_PORT"), CONTENT_PATH)
            .xml();
    // Discovery off and on a port of its own: the relay serves the benchmark's clients only.
    String policy =
        PolicyText.relay(ports.get("RELAY_TLS_PORT"))
            .maxConnections(maxConnections)
            .contentCacheMiB(CACHE_QUOTA_MIB)
            .plainProxy(ports.get("RELAY_PLAIN_PORT"), "127.0.0.0/8")
            .discoveryEnabled(false)
            .discoveryPort(ports.get("RELAY_DISCOVERY_PORT"))
            .discoveryInterfaces("lo")
            .xml();
    files.host(work.resolve("relay"), BenchPki.RELAY, policy, siteList);
    ports.forEach((name, port) -> System.out.println(name + "=" + port));
  }

  /** One port per listener, all held open at once so they differ, closed before servers bind. */
  private static Map<String, Integer> freePorts() throws IOException {
    Map<String, Integer> ports = new LinkedHashMap<>();
    List<Closeable> sockets = new ArrayList<>();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try {
      for (String name : TCP_PORTS) {
        ServerSocket socket = new ServerSocket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(loopback, 0));
        ports.put(name, socket.getLocalPort());
      }
      DatagramSocket discovery = new DatagramSocket(new InetSocketAddress(0));
      sockets.add(discovery);
      ports.put("RELAY_DISCOVERY_PORT", discovery.getLocalPort());
    } finally {
      for (Closeable socket : sockets) {
        socket.close();
      }
    }
    return ports;
  }
}
