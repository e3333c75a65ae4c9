package io.relayagent.cli.cert;

import io.relayagent.cli.ExitCodes;
import java.io.PrintWriter;

/** How every cert command reports a problem with its input: one line, then exit code 2. */
final class CertFailures {
  private CertFailures() {}

  static int report(PrintWriter err, Exception problem) {
    err.println("relay-agent: " + problem.getMessage());
    err.flush();
    return ExitCodes.INVALID_INPUT;
  }
}
