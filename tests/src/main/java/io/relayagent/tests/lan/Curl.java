package io.relayagent.tests.lan;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code curl} run inside a host's network namespace, as a program on that host would ask, or on
 * this machine's loopback.
 */
public final class Curl {
  private Curl() {}

  /**
   * {@code ip netns exec NS curl --silent --show-error --fail --max-time 10 OPTIONS... URL}: fails
   * (exit code 22) on an HTTP error, and gives up after 10 s.
   */
  public static List<String> get(String namespace, List<String> options, String url) {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    command.addAll(get(options, url));
    return command;
  }

  /** The same {@code curl} in this machine's own network, for a test on loopback. */
  public static List<String> get(List<String> options, String url) {
    List<String> command =
        new ArrayList<>(List.of("curl", "--silent", "--show-error", "--fail", "--max-time", "10"));
    command.addAll(options);
    command.add(url);
    return command;
  }
}
