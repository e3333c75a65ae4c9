package io.relayagent.tests.cli;

import io.relayagent.tests.lan.Command;
import io.relayagent.tests.lan.JavaHosts;
import java.nio.file.Path;
import java.util.List;

/**
 * Asks a running agent (or relay) what it knows, through the shipped command line, as an
 * administrator would: {@code relay-agent status|relays|discover|check-policy --json --state-dir
 * DIR}. The control socket is a file in the state directory, so this works from any network
 * namespace.
 */
public final class RelayAgentCli {

  private final Path stateDirectory;

  public RelayAgentCli(Path stateDirectory) {
    this.stateDirectory = stateDirectory;
  }

  public StatusView status() {
    return StatusView.of(ask("status"));
  }

  /** The relays it would try, in order: static first, then the discovered ones it caches. */
  public List<RelayView> relays() {
    return relayList("relays");
  }

  /** Runs one discovery round now; the relays that answered, first responder first. */
  public List<RelayView> discover() {
    return relayList("discover");
  }

  /** Runs an ASCI now and returns the status after it; fails if the ASCI fails. */
  public StatusView checkPolicy() {
    return StatusView.of(ask("check-policy"));
  }

  /**
   * Runs an ASCI now and returns the status after it, whether the ASCI succeeded or not ({@link
   * StatusView#lastOutcome()} says); fails only if the agent does not answer.
   */
  public StatusView asciNow() {
    List<String> command =
        JavaHosts.relayAgent("check-policy", "--json", "--state-dir", stateDirectory.toString());
    Command.Result result = Command.tryStdout(command);
    if (result.exitCode() != 0 && result.exitCode() != 1) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (" + result.exitCode() + "): " + result.output());
    }
    return StatusView.of(CliJson.object(result.output()));
  }

  /**
   * {@code relay-agent event send --type TYPE --json DATA}: queues one event in the running agent's
   * durable queue; returns its id once the agent has it on disk (exit 0).
   */
  public String sendEvent(String type, String json) {
    return CliJson.string(
        CliJson.object(
            Command.stdout(
                JavaHosts.relayAgent(
                    "event",
                    "send",
                    "--json",
                    "--state-dir",
                    stateDirectory.toString(),
                    "--type",
                    type,
                    json))),
        "id");
  }

  public Path stateDirectory() {
    return stateDirectory;
  }

  private List<RelayView> relayList(String command) {
    return CliJson.objects(ask(command), "relays").stream().map(RelayView::of).toList();
  }

  private java.util.Map<String, Object> ask(String command) {
    return CliJson.object(
        Command.stdout(
            JavaHosts.relayAgent(command, "--json", "--state-dir", stateDirectory.toString())));
  }
}
