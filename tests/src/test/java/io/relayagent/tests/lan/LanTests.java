package io.relayagent.tests.lan;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** What every namespace system test checks before it starts. */
final class LanTests {
  private LanTests() {}

  /**
   * Aborts the test, printing {@code SKIPPED: reason}, where network namespaces cannot be made (not
   * root, no iproute2); fails at once, saying how to build it, if the shipped jar is missing.
   */
  static void requireNamespacesAndTheJar() {
    Optional<String> unavailable = NamespaceLan.unavailableReason();
    if (unavailable.isPresent()) {
      System.out.println("SKIPPED: " + unavailable.get());
      Assumptions.abort(unavailable.get());
    }
    JavaHosts.relayAgentJar();
  }
}
