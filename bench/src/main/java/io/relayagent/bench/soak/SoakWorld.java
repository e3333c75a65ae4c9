package io.relayagent.bench.soak;

import io.relayagent.bench.discovery.DiscoveryStormHost;
import io.relayagent.demo.PolicyText;
import io.relayagent.tests.cli.ServerAdmin;
import io.relayagent.tests.hosts.HostFiles;
import io.relayagent.tests.hosts.SiteListXml;
import io.relayagent.tests.lan.JavaHosts;
import io.relayagent.tests.lan.NamespaceLan;
import io.relayagent.tests.lan.NamespaceLan.Host;
import io.relayagent.tests.lan.NamespaceLan.Segment;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak's LAN and its files. A data-centre segment holds the reference server ({@code
 * relay-agent server}) and the echo host that bulk tunnels reach; an office segment holds the
 * agents ({@code relay-agent run}), whose only way to the server is through the relays ({@code
 * relay-agent run} with relay capability on, on both segments), and the load hosts. Every relay and
 * agent is the shipped jar with the JVM options of {@code bin/relay-agent}, in a namespace of its
 * own, so its descriptors and memory are its own.
 *
 * <pre>
 *   data centre 10.79.9.0/24   server .1   echo .2   relays .11-.13
 *   office      10.79.0.0/24   relays .11-.13   agents .101-   tunnel load .50   downloads .51
 *                              half-close flood .60-.67   storms .150-.169
 * </pre>
 */
final class SoakWorld {
  static final String OFFICE = "10.79.0";
  static final String DATACENTRE = "10.79.9";
  static final String SERVER_ADDRESS = DATACENTRE + ".1";
  static final int SERVER_PORT = 8443;
  static final String SERVER = SERVER_ADDRESS + ":" + SERVER_PORT;
  static final String SERVER_SITE = "epo";
  static final String ECHO_ADDRESS = DATACENTRE + ".2";
  static final int ECHO_PORT = 9000;
  static final int DISCOVERY_PORT = 8082;
  static final int TUNNEL_PORT = 8083;
  static final int PLAIN_PORT = 8084;
  static final String FLOOD_FILE = "flood.bin";
  static final int STORM_FIRST_HOST = 150;
  static final int STORM_AGENTS = 100;
  static final int STORM_PER_ADDRESS = 5;
  static final int STORM_WINDOW_SECONDS = 10;
  private static final int FLOOD_FIRST_HOST = 60;
  private static final int FLOOD_SOURCES = 8;
  private static final String TUNNEL_LOAD = "tunnel-load";
  private static final String DOWNLOAD_LOAD = "download-load";
  private static final String FLOOD = "flood";

  final Path caDir;
  final Path serverDir;
  final Path logs;
  final RepositoryChurn repository;
  final SoakProcess server;
  final SoakProcess echo;
  final List<SoakProcess> relays = new ArrayList<>();
  final List<SoakProcess> agents = new ArrayList<>();
  final Host stormHost;
  final ServerAdmin admin;
  private final NamespaceLan lan;
  private final List<RelayTarget> relayTargets = new ArrayList<>();
  private final Host loadHost;
  private final Host downloadHost;
  private final Host floodHost;

  /**
   * Makes the CA, the certificates, the server's directory (with a first repository) and each
   * host's state directory under {@code work}, and the LAN's hosts; starts nothing.
   */
  SoakWorld(NamespaceLan lan, Path work, Path logs, int relayCount, int agentCount, long seed)
      throws Exception {
    this.lan = lan;
    this.logs = logs;
    this.caDir = work.resolve("ca");
    HostFiles files = certificates(relayCount, agentCount);
    String siteList =
        new SiteListXml()
            .managementServer(SERVER_SITE, SERVER)
            .repository("bulk", ECHO_ADDRESS + ":" + ECHO_PORT, "bulk")
            .xml();
    String agentPolicy =
        PolicyText.agent()
            .asciIntervalMinutes(1)
            .discoveryPort(DISCOVERY_PORT)
            .discoveryInterfaces("eth0")
            .collectWindowMillis(300)
            .xml();
    String relayPolicy =
        PolicyText.relay(TUNNEL_PORT)
            .asciIntervalMinutes(1)
            .discoveryEnabled(false)
            .discoveryPort(DISCOVERY_PORT)
            .contentCacheMiB(512)
            .plainProxy(PLAIN_PORT, OFFICE + ".0/24")
            .xml();
    serverDir = files.server(work.resolve("server"), siteList, agentPolicy);
    repository = new RepositoryChurn(serverDir.resolve("repo"), seed);

    Segment office = lan.addSegment(OFFICE);
    Segment datacentre = lan.addSegment(DATACENTRE);
    server =
        process(
            "server",
            SoakProcess.Role.SERVER,
            lan.addHost("srv", 1, datacentre),
            JavaHosts.productionRelayAgent(
                HostFiles.serverArguments(serverDir, SERVER_ADDRESS, SERVER_PORT)),
            null);
    admin = new ServerAdmin(server.host(), "https://" + SERVER, serverDir);
    echo =
        load(
            "echo",
            lan.addHost("echo", 2, datacentre),
            TcpEchoHost.class,
            "bind=" + ECHO_ADDRESS,
            "port=" + ECHO_PORT);
    for (int i = 1; i <= relayCount; i++) {
      String name = relayName(i);
      HostFiles.assignPolicy(serverDir, name, relayPolicy);
      Path state = files.host(work.resolve(name), name, relayPolicy, siteList);
      Host host = lan.addHost("r" + i, 10 + i, office, datacentre);
      relays.add(relayAgent(name, SoakProcess.Role.RELAY, host, state));
      relayTargets.add(new RelayTarget(name, host.address()));
    }
    for (int i = 1; i <= agentCount; i++) {
      String name = "agent" + i;
      Path state = files.host(work.resolve(name), name, agentPolicy, siteList);
      agents.add(
          relayAgent(name, SoakProcess.Role.AGENT, lan.addHost("a" + i, 100 + i, office), state));
    }
    loadHost = lan.addHost("tun", 50, office);
    downloadHost = lan.addHost("dl", 51, office);
    floodHost = lan.addHost("fld", FLOOD_FIRST_HOST, office);
    lan.addAddresses(floodHost, 0, addresses(FLOOD_FIRST_HOST + 1, FLOOD_SOURCES - 1));
    stormHost = lan.addHost("stm", STORM_FIRST_HOST, office);
    lan.addAddresses(
        stormHost, 0, addresses(STORM_FIRST_HOST + 1, STORM_AGENTS / STORM_PER_ADDRESS - 1));
    firstRepository();
  }

  static String relayName(int i) {
    return "relay" + i;
  }

  /** The bulk tunnels, for {@code seconds}. */
  SoakProcess tunnelLoad(int seconds) {
    return load(
        TUNNEL_LOAD,
        loadHost,
        TunnelLoadHost.class,
        "ca=" + caDir,
        "name=" + TUNNEL_LOAD,
        "relays=" + RelayTarget.format(relayTargets),
        "port=" + TUNNEL_PORT,
        "target=" + ECHO_ADDRESS + ":" + ECHO_PORT,
        "seconds=" + seconds);
  }

  /** The verified cache downloads, for {@code seconds}. */
  SoakProcess downloadLoad(int seconds) {
    return load(
        DOWNLOAD_LOAD,
        downloadHost,
        DownloadLoadHost.class,
        "ca=" + caDir,
        "name=" + DOWNLOAD_LOAD,
        "relays=" + RelayTarget.format(relayTargets),
        "port=" + TUNNEL_PORT,
        "plain=" + PLAIN_PORT,
        "server=" + SERVER,
        "site=" + SERVER_SITE,
        "seconds=" + seconds);
  }

  /** The half-close flood against {@code target}, for {@code seconds}. */
  SoakProcess flood(SoakProcess target, int seconds) {
    return load(
        FLOOD,
        floodHost,
        HalfCloseFloodHost.class,
        "ca=" + caDir,
        "name=" + FLOOD,
        "relay=" + target.host().address(),
        "plain=" + PLAIN_PORT,
        "tls=" + TUNNEL_PORT,
        "path=/content/" + SERVER_SITE + "/repo/" + FLOOD_FILE,
        "sources=" + String.join(",", sourceAddresses()),
        "seconds=" + seconds);
  }

  /** One run of {@link DiscoveryStormHost} (a cold and a warm storm); each run is a new process. */
  SoakProcess storm(int run) {
    return load(
        "storm" + run,
        stormHost,
        DiscoveryStormHost.class,
        caDir.toString(),
        "" + DISCOVERY_PORT,
        OFFICE + ".255",
        OFFICE,
        "" + STORM_FIRST_HOST,
        "" + STORM_AGENTS,
        "" + STORM_PER_ADDRESS,
        "" + STORM_WINDOW_SECONDS);
  }

  private SoakProcess relayAgent(String name, SoakProcess.Role role, Host host, Path state) {
    return process(
        name, role, host, JavaHosts.productionRelayAgent(HostFiles.runArguments(state)), state);
  }

  private SoakProcess load(String name, Host host, Class<?> main, String... args) {
    return process(
        name, SoakProcess.Role.LOAD, host, JavaHosts.productionCommand(main, args), null);
  }

  private SoakProcess process(
      String name, SoakProcess.Role role, Host host, List<String> command, Path state) {
    return new SoakProcess(name, role, lan, host, command, logs, state);
  }

  private HostFiles certificates(int relayCount, int agentCount) throws Exception {
    HostFiles files = HostFiles.newCa(caDir, "CN=Soak CA,O=Relay Agent bench");
    files.issue(
        IssueRequest.of(Role.SERVER, HostFiles.SERVER).withIpAddresses(List.of(SERVER_ADDRESS)));
    for (int i = 1; i <= relayCount; i++) {
      // The load hosts check the relay's certificate against the address they dial.
      files.issue(
          IssueRequest.of(Role.RELAY, relayName(i))
              .withIpAddresses(List.of(OFFICE + "." + (10 + i), DATACENTRE + "." + (10 + i))));
    }
    for (int i = 1; i <= agentCount; i++) {
      files.issue(IssueRequest.of(Role.AGENT, "agent" + i));
    }
    for (String load : List.of(TUNNEL_LOAD, DOWNLOAD_LOAD, FLOOD)) {
      files.issue(IssueRequest.of(Role.AGENT, load));
    }
    return files;
  }

  /** The flood's file, and three files of 1, 4 and 16 MiB every agent downloads at its start. */
  private void firstRepository() throws IOException {
    repository.publish(FLOOD_FILE, 4096);
    repository.publish("base/a.bin", 1 << 20);
    repository.publish("base/b.bin", 4 << 20);
    repository.publish("base/c.bin", 16 << 20);
  }

  private List<String> sourceAddresses() {
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < FLOOD_SOURCES; i++) {
      sources.add(OFFICE + "." + (FLOOD_FIRST_HOST + i));
    }
    return sources;
  }

  private static List<String> addresses(int first, int count) {
    List<String> addresses = new ArrayList<>();
    for (int host = first; host < first + count; host++) {
      addresses.add(OFFICE + "." + host + "/24");
    }
    return addresses;
  }
}
