package io.relayagent.cli.admin;

import io.relayagent.cli.ExitCodes;
import io.relayagent.server.admin.AdminException;
import java.io.PrintWriter;
import java.net.URI;

/**
 * How the administrator's commands report a failure: one line, and an exit code saying whose it is.
 */
final class AdminFailures {
  private AdminFailures() {}

  /** Bad options or local files: exit code 2. */
  static int invalidInput(PrintWriter err, Exception problem) {
    err.println("relay-agent: " + problem.getMessage());
    err.flush();
    return ExitCodes.INVALID_INPUT;
  }

  /** The server refused: exit code 1, with the server's reason. */
  static int refused(PrintWriter err, URI server, AdminException problem) {
    err.println("relay-agent: " + server + " refused: " + problem.getMessage());
    err.flush();
    return ExitCodes.CHECK_FAILED;
  }

  /** The server could not be reached, or its TLS was refused: exit code 1. */
  static int unreachable(PrintWriter err, URI server, Exception problem) {
    String reason = problem.getMessage() == null ? problem.toString() : problem.getMessage();
    err.println("relay-agent: cannot reach " + server + ": " + reason);
    err.flush();
    return ExitCodes.CHECK_FAILED;
  }
}
