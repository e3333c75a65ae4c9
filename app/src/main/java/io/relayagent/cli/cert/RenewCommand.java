package io.relayagent.cli.cert;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.Table;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.Rollover;
import io.relayagent.trust.TrustFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relay-agent cert renew --dir DIR [--keep-root-ca]}, after the Edge Relay's renewcert. */
@Command(
    name = "renew",
    mixinStandardHelpOptions = true,
    description = {
      "Renew every certificate in DIR with new keys, and the root CA too unless --keep-root-ca.",
      "With a new root, trust-bundle.pem holds the old and the new root (and crl.pem both lists)"
          + " so no host loses its connection while certificates are replaced; run finish-rollover"
          + " once every host has its new files. The files as they were are kept in DIR/previous."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:renewed", "2:bad input, or a rollover is still in progress"})
public final class RenewCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The CA directory.")
  private Path dir;

  @Option(names = "--keep-root-ca", description = "Keep the root CA; renew only what it issued.")
  private boolean keepRootCa;

  @Option(
      names = "--validity-days",
      paramLabel = "DAYS",
      defaultValue = "365",
      description = "Validity of the renewed certificates (default: ${DEFAULT-VALUE}).")
  private int validityDays;

  @Option(
      names = "--ca-validity-days",
      paramLabel = "DAYS",
      defaultValue = "3650",
      description = "Validity of a new root CA (default: ${DEFAULT-VALUE}).")
  private int caValidityDays;

  @Mixin private PasswordOptions password;

  @Option(
      names = "--force",
      description = "Start a new rollover although the previous one was not finished.")
  private boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CaDirectory ca = new CaDirectory(dir, Clock.systemUTC());
    Rollover.Result result;
    try {
      result =
          new Rollover(ca)
              .renew(
                  keepRootCa,
                  Validity.days("--validity-days", validityDays),
                  Validity.days("--ca-validity-days", caValidityDays),
                  password.password(),
                  force);
    } catch (TrustFileException | IllegalArgumentException e) {
      return CertFailures.report(spec.commandLine().getErr(), e);
    }
    Table table = new Table("NAME", "RESULT");
    result.renewed().forEach(name -> table.add(name, "renewed"));
    for (Map.Entry<String, String> skipped : result.skipped().entrySet()) {
      table.add(skipped.getKey(), "skipped: " + skipped.getValue());
    }
    out.println(
        result.newRoot()
            ? "New root CA; the previous root stays trusted in the bundle."
            : "Root CA kept.");
    table.print(out);
    if (result.newRoot()) {
      out.println(
          "Next: give every host "
              + ca.trustBundle()
              + " and "
              + ca.crl()
              + " first, then"
              + " its new certificate; when all have them, run: relay-agent cert finish-rollover --dir "
              + dir);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
