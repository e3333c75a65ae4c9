package io.relayagent.config;

import static io.relayagent.config.PolicyFiles.problemsOf;
import static io.relayagent.config.PolicyFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.sitelist.IpLiterals;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules that span several values, each reported at the element to change. */
class PolicyRulesTest {

  @TempDir Path dir;

  @Test
  void read_relayWithTunnelPortEqualToDiscoveryPort_reportsRelayServerLine() {
    Path file =
        write(
            dir,
            "ports.xml",
            """
              <relayClient discoveryPort="9000"/>
              <relayServer enabled="true" tunnelPort="9000"/>
            """);

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly(
            "3: relayServer: tunnelPort 9000 is also the discoveryPort; a relay uses both, give"
                + " them different ports");
  }

  @Test
  void read_samePortsWhileRelayIsOff_isAccepted() throws Exception {
    Path file =
        write(
            dir,
            "off.xml",
            """
              <relayClient discoveryPort="9000"/>
              <relayServer enabled="false" tunnelPort="9000"/>
            """);

    assertThat(PolicyReader.read(file).relayServer().tunnelPort()).isEqualTo(9000);
  }

  @Test
  void read_plainProxyWithoutAllowedNetworks_reportsPlainProxyLineEvenWithRelayOff() {
    Path file =
        write(
            dir,
            "open.xml",
            """
              <relayServer>
                <plainProxy enabled="true"/>
              </relayServer>
            """);

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly(
            "3: plainProxy: enabled=\"true\" needs at least one allowedNetwork (the listener is"
                + " only for named source networks)");
  }

  @Test
  void read_plainProxyOnTheTunnelPort_isRefused() {
    Path file =
        write(
            dir,
            "clash.xml",
            """
              <relayServer enabled="true">
                <plainProxy enabled="true" port="8083">
                  <allowedNetwork cidr="10.0.0.0/8"/>
                </plainProxy>
              </relayServer>
            """);

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly("3: plainProxy: port 8083 is also the tunnelPort");
  }

  @Test
  void read_metricsOnTheTunnelPort_isRefused() {
    Path file =
        write(
            dir,
            "metrics.xml",
            """
              <relayServer enabled="true">
                <metrics enabled="true" port="8083"/>
              </relayServer>
            """);

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly("3: metrics: port 8083 is also the tunnelPort");
  }

  @Test
  void read_metricsBindAddressThatIsAName_isRefused() {
    Path file =
        write(
            dir,
            "metrics-name.xml",
            """
              <relayServer enabled="true">
                <metrics enabled="true" bindAddress="localhost"/>
              </relayServer>
            """);

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .singleElement()
        .asString()
        .startsWith("3: relayServer: metrics: bindAddress");
  }

  @Test
  void read_metricsOnIpv6Loopback_isTheTypedValue() throws Exception {
    Path file =
        write(
            dir,
            "metrics-v6.xml",
            """
              <relayServer enabled="true">
                <metrics enabled="true" bindAddress="::1" port="9100"/>
              </relayServer>
            """);

    assertThat(PolicyReader.read(file).relayServer().metrics())
        .isEqualTo(new MetricsPolicy(true, IpLiterals.parse("::1"), 9100));
  }

  @Test
  void read_manualProxyWithoutPort_reportsProxyLine() {
    Path file = write(dir, "manual.xml", "\n  <proxy mode=\"manual\" host=\"proxy.example\"/>");

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly("3: proxy: mode=\"manual\" needs both host and port");
  }

  @Test
  void read_proxyHostWithoutPortInSystemMode_isRefused() {
    Path file = write(dir, "half.xml", "  <proxy mode=\"system\" host=\"proxy.example\"/>");

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly("2: proxy: host and port go together; give both or neither");
  }

  @Test
  void read_batchLargerThanTheQueue_isRefused() {
    Path file = write(dir, "batch.xml", "  <eventQueue maxEvents=\"10\" batchSize=\"11\"/>");

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly("2: eventQueue: batchSize 11 is larger than maxEvents 10");
  }

  @Test
  void read_certificateChainWithoutPrivateKey_isRefused() {
    Path file =
        write(
            dir,
            "chain.xml",
            """
              <trust>
                <certificateChain file="/etc/relay-agent/chain.pem"/>
              </trust>
            """);

    assertThat(problemsOf(file))
        .extracting(p -> p.line() + ": " + p.message())
        .containsExactly(
            "2: trust: certificateChain and privateKey go together; give both or neither");
  }

  @Test
  void read_severalRulesBroken_reportsEachInDocumentOrder() {
    Path file =
        write(
            dir,
            "several.xml",
            """
              <relayServer enabled="true" tunnelPort="8082">
                <plainProxy enabled="true"/>
              </relayServer>
              <eventQueue maxEvents="1"/>
            """);

    assertThat(problemsOf(file)).extracting(p -> p.line()).containsExactly(2, 3, 5);
  }
}
