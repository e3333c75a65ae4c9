package io.relayagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyWriterTest {

  @TempDir Path dir;

  @Test
  void toXml_fullPolicy_readsBackEqual() throws Exception {
    Policy policy = PolicyReader.read(SamplePolicies.writeFull(dir));

    String xml = PolicyWriter.toXml(policy);

    assertThat(PolicyReader.parse("written", xml.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(policy);
    assertThat(xml)
        .contains("<staticRelay host=\"edge.example.com\" port=\"443\"/>")
        .contains("<allowedNetwork cidr=\"fd00::/8\"/>")
        .contains("multicastGroup=\"ff05::1:3\"")
        .contains("<discoveryInterfaces include=\"eth* en0\" exclude=\"\"/>");
  }

  @Test
  void toXml_defaults_writesEveryValueExplicitly() {
    String xml = PolicyWriter.toXml(Policy.defaults());

    assertThat(xml)
        .contains("<policy xmlns=\"urn:relay-agent:policy:1\">")
        .contains("<asci intervalMinutes=\"60\"/>")
        .contains("tunnelPort=\"8083\"")
        .contains("multicastGroup=\"ff02::52:4c41\"")
        .contains("exclude=\"docker* br-* veth* virbr* vmnet* vboxnet*\"")
        .contains("<proxy mode=\"none\" allowUserOverride=\"false\"/>")
        .doesNotContain("include=");
  }

  @Test
  void toXml_policyThatBreaksARule_isRefused() {
    Policy defaults = Policy.defaults();
    RelayServerPolicy openProxy =
        new RelayServerPolicy(
            true,
            8083,
            10,
            Duration.ofMinutes(1),
            ContentCachePolicy.defaults(),
            new PlainProxyPolicy(true, 3128, List.of()));
    Policy policy =
        new Policy(
            defaults.asciInterval(),
            openProxy,
            defaults.relayClient(),
            defaults.proxy(),
            defaults.eventQueue(),
            defaults.trust());

    assertThatThrownBy(() -> PolicyWriter.toXml(policy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs at least one allowedNetwork");
  }

  @Test
  void toXml_valueOutOfRange_isRefused() {
    Policy defaults = Policy.defaults();
    Policy policy =
        new Policy(
            Duration.ofDays(30),
            defaults.relayServer(),
            defaults.relayClient(),
            defaults.proxy(),
            defaults.eventQueue(),
            defaults.trust());

    assertThatThrownBy(() -> PolicyWriter.toXml(policy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("intervalMinutes: '43200' is more than the maximum, 10080");
  }

  @Test
  void policy_durationFinerThanItsAttribute_isRefused() {
    Policy defaults = Policy.defaults();

    assertThatThrownBy(
            () ->
                new Policy(
                    Duration.ofSeconds(90),
                    defaults.relayServer(),
                    defaults.relayClient(),
                    defaults.proxy(),
                    defaults.eventQueue(),
                    defaults.trust()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("asciInterval must be a whole");
  }

  @Test
  void write_replacesTheFileAtomicallyAndLeavesNoTemporaryFile() throws Exception {
    Path file = Files.writeString(dir.resolve("policy.xml"), "old");
    Policy policy = PolicyReader.read(SamplePolicies.writeFull(dir));

    PolicyWriter.write(policy, file);

    assertThat(PolicyReader.read(file)).isEqualTo(policy);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("policy.xml", "full.xml");
    }
  }
}
