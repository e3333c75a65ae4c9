package io.relayagent.tests.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code relay-agent server wakeup --json} printed, and its exit code.
 *
 * @param sent the server's time of the wake-up
 * @param agents each agent named, by id
 */
public record WakeupView(int exitCode, Instant sent, Map<String, Agent> agents) {

  /**
   * One agent's line.
   *
   * @param outcome {@code delivered}, {@code queued}, {@code unreachable} or {@code unknown}
   * @param asci the server's time of the ASCI the wake-up caused; {@code null}: none within the
   *     command's wait
   */
  public record Agent(String agentId, String outcome, Instant asci) {}

  static WakeupView of(int exitCode, Map<String, Object> json) {
    List<Agent> agents =
        CliJson.objects(json, "agents").stream()
            .map(
                agent -> {
                  String asci = CliJson.string(agent, "asci");
                  return new Agent(
                      CliJson.string(agent, "agentId"),
                      CliJson.string(agent, "outcome"),
                      asci == null ? null : Instant.parse(asci));
                })
            .toList();
    return new WakeupView(
        exitCode,
        Instant.parse(CliJson.string(json, "sent")),
        agents.stream().collect(Collectors.toMap(Agent::agentId, Function.identity())));
  }
}
