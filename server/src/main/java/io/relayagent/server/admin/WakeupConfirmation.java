package io.relayagent.server.admin;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.wakeup.WakeupReport;
import io.relayagent.protocol.wakeup.WakeupResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Watches the server's records for the ASCIs a wake-up caused: an agent that was reached has run
 * its ASCI once its {@code lastSeen} (the server's time of its last ASCI request) is later than the
 * report's {@code sent}. Asks {@code GET /admin/v1/agents} a few times a second until every reached
 * agent has, or the wait is over.
 */
public final class WakeupConfirmation {
  private static final Duration ASK_EVERY = Duration.ofMillis(250);

  private WakeupConfirmation() {}

  /**
   * The time of each reached agent's ASCI after the wake-up; an agent missing from the map did not
   * call within {@code wait}.
   */
  public static Map<String, Instant> await(AdminClient admin, WakeupReport report, Duration wait)
      throws IOException, InterruptedException, AdminException {
    Instant sent = Instant.parse(report.sent());
    Set<String> expected =
        report.results().stream()
            .filter(result -> result.outcome().reached())
            .map(WakeupResult::agentId)
            .collect(Collectors.toSet());
    Map<String, Instant> called = new HashMap<>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (!expected.isEmpty()) {
      for (AgentSummary agent : admin.agents()) {
        if (expected.contains(agent.agentId()) && agent.lastSeen() != null) {
          Instant seen = Instant.parse(agent.lastSeen());
          if (seen.isAfter(sent)) {
            called.put(agent.agentId(), seen);
            expected.remove(agent.agentId());
          }
        }
      }
      if (expected.isEmpty() || System.nanoTime() >= deadline) {
        break;
      }
      Thread.sleep(ASK_EVERY.toMillis());
    }
    return called;
  }
}
