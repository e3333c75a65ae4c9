package io.relayagent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's story, end to end with real sockets, TLS, UDP broadcast on loopback and files: each
 * step is asserted on the state it leaves behind, not on what was printed.
 */
class DemoTest {

  @TempDir Path dir;

  @Test
  void demo_agentWithBlockedDirectPath_tunnelsThroughTheFirstResponderAndFailsOver()
      throws Exception {
    StringWriter out = new StringWriter();
    DemoReport report;
    try (Demo demo = Demo.start(dir, new PrintWriter(out, true))) {
      report = demo.run();
    }

    assertThat(report.directFailed())
        .as("the direct attempt (through the dead proxy) failed first")
        .isTrue();
    assertThat(report.offers())
        .as("every relay answered discovery")
        .containsExactlyInAnyOrder("relay-1", "relay-2", "relay-3");
    assertThat(report.firstRelay())
        .as("the first responder is used first")
        .isEqualTo(report.offers().get(0));
    assertThat(report.firstRoute()).isEqualTo("relay " + report.firstRelay());
    assertThat(report.policyApplied())
        .as("the agent holds the policy the server assigned it")
        .isTrue();
    assertThat(report.eventsStored())
        .as("the server stored each queued event once")
        .isEqualTo(DemoEvents.COUNT);
    assertThat(report.contentInstalled())
        .as("both content files, checked against the signed catalog")
        .containsExactly("signatures-v1.dat", "signatures-v2.dat");
    assertThat(report.failoverRelay())
        .as("after the stop, another relay")
        .isNotNull()
        .isNotEqualTo(report.firstRelay());
    assertThat(report.offers()).contains(report.failoverRelay());
    assertThat(report.failoverOutcome()).isEqualTo("ok");
    assertThat(report.succeeded()).isTrue();
    assertThat(out.toString())
        .contains("Summary")
        .contains("failed over to " + report.failoverRelay());
  }
}
