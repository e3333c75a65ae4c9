package io.relayagent.cli.cert;

import io.relayagent.cli.ExitCodes;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.Rollover;
import io.relayagent.trust.TrustFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relay-agent cert finish-rollover --dir DIR}: stop trusting the previous root. */
@Command(
    name = "finish-rollover",
    mixinStandardHelpOptions = true,
    description = {
      "End a root CA rollover: trust-bundle.pem and crl.pem keep the current root's only.",
      "Run it once every host has its renewed certificate, then give every host the new bundle."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:finished, or no rollover was in progress", "2:bad input"})
public final class FinishRolloverCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The CA directory.")
  private Path dir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CaDirectory ca = new CaDirectory(dir, Clock.systemUTC());
    try {
      if (new Rollover(ca).finish()) {
        out.println("Rollover finished: " + ca.trustBundle() + " now holds the current root only.");
        out.println("Give every host the new " + ca.trustBundle() + " and " + ca.crl() + ".");
      } else {
        out.println(
            "No rollover in progress: " + ca.trustBundle() + " holds the current root only.");
      }
    } catch (TrustFileException e) {
      return CertFailures.report(spec.commandLine().getErr(), e);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
