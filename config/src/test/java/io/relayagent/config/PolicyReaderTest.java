package io.relayagent.config;

import static io.relayagent.config.PolicyFiles.problemsOf;
import static io.relayagent.config.PolicyFiles.write;
import static io.relayagent.config.PolicyFiles.writeRaw;
import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.sitelist.HostPort;
import io.relayagent.xml.XmlProblem;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReaderTest {

  @TempDir Path dir;

  @Test
  void read_emptyPolicy_hasDocumentedDefaults() throws Exception {
    Path file = writeRaw(dir, "empty.xml", "<policy xmlns=\"urn:relay-agent:policy:1\"/>");

    Policy policy = PolicyReader.read(file);

    assertThat(policy).isEqualTo(Policy.defaults());
    assertThat(policy.asciInterval()).isEqualTo(Duration.ofMinutes(60));
    RelayServerPolicy server = policy.relayServer();
    assertThat(server.enabled()).isFalse();
    assertThat(server.tunnelPort()).isEqualTo(8083);
    assertThat(server.maxConnections()).isEqualTo(4096);
    assertThat(server.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(server.contentCache()).isEqualTo(new ContentCachePolicy(true, 2048));
    assertThat(server.plainProxy()).isEqualTo(new PlainProxyPolicy(false, 8084, List.of()));
    assertThat(server.discoveryAnswers())
        .isEqualTo(new DiscoveryAnswerPolicy(Duration.ofMillis(200), 80, true, false));
    RelayClientPolicy client = policy.relayClient();
    assertThat(client.discoveryEnabled()).isTrue();
    assertThat(client.discoveryPort()).isEqualTo(8082);
    assertThat(client.multicastGroup()).isEqualTo(InetAddress.getByName("ff02::52:4c41"));
    assertThat(client.collectWindow()).isEqualTo(Duration.ofMillis(500));
    assertThat(client.cachedRelays()).isEqualTo(5);
    assertThat(client.cacheExpiryAscis()).isEqualTo(3);
    assertThat(client.discoveryInterfaces().include()).isEmpty();
    assertThat(client.discoveryInterfaces().exclude())
        .containsExactly("docker*", "br-*", "veth*", "virbr*", "vmnet*", "vboxnet*");
    assertThat(client.staticRelays()).isEmpty();
    assertThat(policy.proxy()).isEqualTo(ProxyPolicy.defaults());
    assertThat(policy.proxy().mode()).isEqualTo(ProxyMode.NONE);
    assertThat(policy.proxy().userOverrideAllowed()).isFalse();
    assertThat(policy.eventQueue()).isEqualTo(new EventQueuePolicy(100_000, 256, 500));
    assertThat(policy.trust().caCertificateFiles()).isEmpty();
    assertThat(policy.trust().privateKeyFile()).isEmpty();
  }

  @Test
  void read_fullPolicy_readsEveryValue() throws Exception {
    Policy policy = PolicyReader.read(SamplePolicies.writeFull(dir));

    assertThat(policy.asciInterval()).isEqualTo(Duration.ofMinutes(30));
    RelayServerPolicy server = policy.relayServer();
    assertThat(server.enabled()).isTrue();
    assertThat(server.tunnelPort()).isEqualTo(9443);
    assertThat(server.maxConnections()).isEqualTo(200);
    assertThat(server.idleTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(server.contentCache()).isEqualTo(new ContentCachePolicy(false, 512));
    assertThat(server.contentCache().quotaBytes()).isEqualTo(512L * 1024 * 1024);
    assertThat(server.plainProxy().enabled()).isTrue();
    assertThat(server.plainProxy().port()).isEqualTo(3128);
    assertThat(server.plainProxy().allowedNetworks())
        .containsExactly(Cidr.parse("10.20.0.0/16"), Cidr.parse("fd00::/8"));
    assertThat(server.plainProxy().allows(InetAddress.getByName("10.20.3.4"))).isTrue();
    assertThat(server.plainProxy().allows(InetAddress.getByName("10.21.0.1"))).isFalse();
    assertThat(server.discoveryAnswers())
        .isEqualTo(new DiscoveryAnswerPolicy(Duration.ofMillis(300), 90, false, true));
    RelayClientPolicy client = policy.relayClient();
    assertThat(client.discoveryEnabled()).isFalse();
    assertThat(client.discoveryPort()).isEqualTo(9082);
    assertThat(client.multicastGroup()).isEqualTo(InetAddress.getByName("ff05::1:3"));
    assertThat(client.collectWindow()).isEqualTo(Duration.ofMillis(250));
    assertThat(client.cachedRelays()).isEqualTo(3);
    assertThat(client.cacheExpiryAscis()).isEqualTo(2);
    assertThat(client.cacheExpiry(policy.asciInterval())).isEqualTo(Duration.ofMinutes(60));
    assertThat(client.discoveryInterfaces())
        .isEqualTo(new InterfaceSelection(List.of("eth*", "en0"), List.of()));
    assertThat(client.staticRelays())
        .containsExactly(
            new HostPort("edge.example.com", 443), HostPort.parse("[2001:db8::7]", 8083));
    ProxyPolicy proxy = policy.proxy();
    assertThat(proxy.mode()).isEqualTo(ProxyMode.MANUAL);
    assertThat(proxy.server()).contains(new HostPort("proxy.corp.example", 8080));
    assertThat(proxy.credentials())
        .contains(new ProxyCredentials("svc-relay", Path.of("/etc/relay-agent/proxy.password")));
    assertThat(proxy.bypass())
        .extracting(ProxyBypass::toString)
        .containsExactly("*.corp.example", "10.0.0.0/8", "::1");
    assertThat(proxy.userOverrideAllowed()).isTrue();
    assertThat(policy.eventQueue()).isEqualTo(new EventQueuePolicy(5000, 64, 100));
    TrustPolicy trust = policy.trust();
    assertThat(trust.caCertificateFiles())
        .containsExactly(
            Path.of("/etc/relay-agent/ca-2025.pem"), Path.of("/etc/relay-agent/ca-2026.pem"));
    assertThat(trust.certificateChainFile()).contains(Path.of("/etc/relay-agent/host-chain.pem"));
    assertThat(trust.privateKeyFile()).contains(Path.of("/etc/relay-agent/host-key.pem"));
    assertThat(trust.privateKeyPasswordFile())
        .contains(Path.of("/etc/relay-agent/host-key.password"));
    assertThat(trust.crlFile()).contains(Path.of("/etc/relay-agent/ca.crl"));
  }

  @Test
  void read_someSectionsOnly_fillsTheRestWithDefaults() throws Exception {
    Path file = write(dir, "partial.xml", "  <relayServer enabled=\"true\"/>");

    Policy policy = PolicyReader.read(file);

    assertThat(policy.relayServer().enabled()).isTrue();
    assertThat(policy.relayServer().tunnelPort()).isEqualTo(8083);
    assertThat(policy.relayServer().contentCache()).isEqualTo(ContentCachePolicy.defaults());
    assertThat(policy.relayClient()).isEqualTo(RelayClientPolicy.defaults());
    assertThat(policy.trust()).isEqualTo(TrustPolicy.defaults());
  }

  @Test
  void read_tunnelPortZero_asksForAPortTheSystemChooses() throws Exception {
    Path file = write(dir, "any-port.xml", "  <relayServer enabled=\"true\" tunnelPort=\"0\"/>");

    assertThat(PolicyReader.read(file).relayServer().tunnelPort()).isZero();
  }

  @Test
  void read_tunnelPortOutOfRange_reportsLineAndColumn() {
    Path file = write(dir, "port.xml", "  <asci/>\n  <relayServer tunnelPort=\"70000\"/>");

    assertThat(problemsOf(file))
        .containsExactly(
            new XmlProblem(
                file.toString(),
                3,
                36,
                "relayServer: tunnelPort: '70000' is more than the maximum, 65535"));
  }

  @Test
  void read_valuesOfWrongType_reportEachOnItsLine() {
    Path file =
        write(
            dir,
            "types.xml",
            """
              <asci intervalMinutes="sixty"/>
              <relayServer enabled="yes"/>
              <proxy mode="auto"/>
            """);

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly(
            "2: asci: intervalMinutes: 'sixty' is not a valid whole number",
            "3: relayServer: enabled: 'yes' is not a valid boolean (true or false)",
            "4: proxy: mode: 'auto' is not one of: none, system, manual");
  }

  @Test
  void read_unknownElement_reportsItsLineAndTheExpectedOnes() {
    Path file = write(dir, "unknown.xml", "  <asci/>\n  <relayServr enabled=\"true\"/>");

    List<XmlProblem> problems = problemsOf(file);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).line()).isEqualTo(3);
    assertThat(problems.get(0).message())
        .startsWith("unexpected element <relayServr> here; expected one of:")
        .contains("relayServer")
        .doesNotContain("urn:relay-agent");
  }

  @Test
  void read_unknownAttribute_reportsItsLine() {
    Path file = write(dir, "attr.xml", "\n  <eventQueue maxEvent=\"10\"/>");

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly("3: unknown attribute 'maxEvent' on <eventQueue>");
  }

  @Test
  void read_sectionGivenTwice_isRefused() {
    Path file = write(dir, "twice.xml", "  <asci/>\n  <asci/>");

    assertThat(problemsOf(file)).extracting(XmlProblem::line).containsExactly(3);
  }

  @Test
  void read_wrongNamespace_isRefusedWithOnePlainMessage() {
    Path file = writeRaw(dir, "ns.xml", "<policy xmlns=\"urn:relay-agent:policy:2\"/>");

    assertThat(problemsOf(file))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(1);
              assertThat(p.message())
                  .contains("the root element must be <policy> in namespace")
                  .contains("urn:relay-agent:policy:2");
            });
  }

  @Test
  void read_noNamespace_isRefused() {
    Path file = writeRaw(dir, "nons.xml", "<policy/>");

    assertThat(problemsOf(file))
        .singleElement()
        .extracting(XmlProblem::message)
        .asString()
        .contains("<policy> in no namespace");
  }

  @Test
  void read_malformedXml_reportsWhereItBreaks() {
    Path file = write(dir, "broken.xml", "  <asci intervalMinutes=\"5\">\n  <trust/>");

    assertThat(problemsOf(file)).extracting(XmlProblem::line).contains(4);
  }

  @Test
  void read_missingFile_saysSo() {
    Path file = dir.resolve("absent.xml");

    assertThat(problemsOf(file))
        .containsExactly(XmlProblem.ofFile(file.toString(), "file not found"));
  }

  @Test
  void read_manyProblems_reportsThemAllAtOnceInDocumentOrder() {
    Path file =
        write(
            dir,
            "many.xml",
            """
              <asci intervalMinutes="0"/>
              <relayServer tunnelPort="-1" maxConnections="65536">
                <contentCache quotaMiB="-1"/>
              </relayServer>
              <relayClient cachedRelays="65" colour="blue">
                <staticRelay port="8083"/>
              </relayClient>
              <eventQueue maxEvents="10000001"/>
            """);

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly(
            "2: asci: intervalMinutes: '0' is less than the minimum, 1",
            "3: relayServer: tunnelPort: '-1' is less than the minimum, 0",
            "3: relayServer: maxConnections: '65536' is more than the maximum, 65535",
            "4: contentCache: quotaMiB: '-1' is less than the minimum, 1",
            "6: relayClient: cachedRelays: '65' is more than the maximum, 64",
            "6: unknown attribute 'colour' on <relayClient>",
            "7: attribute 'host' is required on <staticRelay>",
            "9: eventQueue: maxEvents: '10000001' is more than the maximum, 10000000");
  }

  @Test
  void read_problemsFoundAfterTheSchema_reportThemAllWithLines() {
    Path file =
        write(
            dir,
            "values.xml",
            """
              <relayServer>
                <plainProxy>
                  <allowedNetwork cidr="10.1.2.3/8"/>
                  <allowedNetwork cidr="fd00::/129"/>
                </plainProxy>
              </relayServer>
              <relayClient multicastGroup="ff02::52:4c41:1:2:3:4:5">
                <staticRelay host="edge..example.com"/>
                <staticRelay host="user@edge.example.com"/>
              </relayClient>
              <proxy>
                <bypass destination="*."/>
              </proxy>
            """);

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly(
            "4: allowedNetwork: cidr: '10.1.2.3/8': 10.1.2.3/8 has bits set beyond the prefix;"
                + " the network is 10.0.0.0/8",
            "5: allowedNetwork: cidr: 'fd00::/129': prefix length 129 is out of range (0-128)",
            "8: relayClient: multicastGroup 'ff02::52:4c41:1:2:3:4:5' is not a valid IP address",
            "9: staticRelay: host 'edge..example.com': not a valid host name (letters, digits,"
                + " '-' and '_' in dot-separated labels of 1-63 characters)",
            "10: staticRelay: host 'user@edge.example.com': not a valid host name (letters,"
                + " digits, '-' and '_' in dot-separated labels of 1-63 characters)",
            "13: bypass: destination: '*.': not a host name after '*.' (as *.corp.example.com)");
  }

  @Test
  void read_multicastGroupThatIsNotMulticast_isRefused() {
    Path file = write(dir, "mc.xml", "  <relayClient multicastGroup=\"fe80::1\"/>");

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly(
            "2: relayClient: multicastGroup 'fe80::1' is not an IPv6 multicast address"
                + " (ff00::/8)");
  }

  @Test
  void read_multicastGroupBeyondTheSite_isRefused() {
    Path file = write(dir, "global.xml", "  <relayClient multicastGroup=\"ff0e::52:4c41\"/>");

    assertThat(problemsOf(file))
        .singleElement()
        .extracting(XmlProblem::message)
        .asString()
        .contains("discovery must stay on the LAN");
  }

  @Test
  void read_staticRelayListedTwice_pointsAtTheFirst() {
    Path file =
        write(
            dir,
            "dup.xml",
            """
              <relayClient>
                <staticRelay host="edge.example.com"/>
                <staticRelay host="EDGE.example.com." port="8083"/>
              </relayClient>
            """);

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly("4: staticRelay: edge.example.com:8083 is listed twice (first at line 3)");
  }

  @Test
  void read_ipv6StaticRelay_acceptsItWithOrWithoutBrackets() throws Exception {
    Path file =
        write(
            dir,
            "v6.xml",
            """
              <relayClient>
                <staticRelay host="[2001:db8::1]" port="443"/>
                <staticRelay host="2001:db8::2"/>
              </relayClient>
            """);

    assertThat(PolicyReader.read(file).relayClient().staticRelays())
        .containsExactly(
            HostPort.parse("[2001:db8::1]:443", 0), HostPort.parse("[2001:db8::2]:8083", 0));
  }

  @Test
  void read_proxyWithSystemMode_keepsAGivenServerButDoesNotNeedOne() throws Exception {
    Path file =
        write(dir, "system.xml", "  <proxy mode=\"system\" host=\"proxy.example\" port=\"3128\"/>");

    ProxyPolicy proxy = PolicyReader.read(file).proxy();

    assertThat(proxy.mode()).isEqualTo(ProxyMode.SYSTEM);
    assertThat(proxy.server()).contains(new HostPort("proxy.example", 3128));
  }

  @Test
  void parse_contentFromElsewhere_namesItsSourceInProblems() {
    byte[] content =
        (PolicyFiles.OPEN + "<asci intervalMinutes=\"0\"/>" + PolicyFiles.CLOSE)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                io.relayagent.xml.XmlFileException.class,
                () -> PolicyReader.parse("https://server/policy", content)))
        .hasMessageStartingWith("https://server/policy:1:");
  }

  @Test
  void read_credentials_neverHoldAPassword() {
    Path file =
        write(
            dir,
            "password.xml",
            "  <proxy mode=\"manual\" host=\"p\" port=\"1\">\n"
                + "    <credentials user=\"u\" password=\"secret\" passwordFile=\"/p\"/>\n"
                + "  </proxy>");

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly("3: unknown attribute 'password' on <credentials>");
  }

  @Test
  void read_blankPath_isRefused() {
    Path file = write(dir, "blank.xml", "  <trust>\n    <crl file=\"  \"/>\n  </trust>");

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly("3: crl: file: the value is empty");
  }

  @Test
  void read_valuesInEveryFormTheSchemaAllows_areRead() throws Exception {
    Path file =
        write(
            dir,
            "forms.xml",
            """
              <asci intervalMinutes=" +30 "/>
              <relayServer enabled="1">
                <contentCache enabled="0"/>
              </relayServer>
              <proxy mode=" system "/>
            """);

    Policy policy = PolicyReader.read(file);

    assertThat(policy.asciInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(policy.relayServer().enabled()).isTrue();
    assertThat(policy.relayServer().contentCache().enabled()).isFalse();
    assertThat(policy.proxy().mode()).isEqualTo(ProxyMode.SYSTEM);
  }
}
