package io.relayagent.cli.cert;

import io.relayagent.cli.ExitCodes;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.CertificateInfo;
import io.relayagent.trust.Revocation;
import io.relayagent.trust.TrustFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relay-agent cert revoke --dir DIR --name NAME}: adds NAME to DIR/crl.pem. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = {
      "Revoke NAME's certificate (and, during a rollover, its previous one) in DIR/crl.pem.",
      "A server running with --ca-dir DIR refuses it within seconds and sends the new CRL to every"
          + " host with the trust bundle at its next ASCI, so relays refuse its tunnels too. Other"
          + " hosts refuse it once they have the new crl.pem."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:revoked", "2:bad input, or NAME was not issued here"})
public final class RevokeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The CA directory.")
  private Path dir;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "The certificate to revoke.")
  private String name;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CaDirectory ca = new CaDirectory(dir, Clock.systemUTC());
    List<X509Certificate> revoked;
    try {
      revoked = new Revocation(ca).revoke(name);
    } catch (TrustFileException | IllegalArgumentException e) {
      return CertFailures.report(spec.commandLine().getErr(), e);
    }
    for (X509Certificate certificate : revoked) {
      CertificateInfo info = CertificateInfo.of(certificate);
      out.printf(
          "Revoked \"%s\" serial %s (issuer \"%s\")%n",
          info.subject(), info.serialHex(), info.issuer());
    }
    out.println(
        "Updated "
            + ca.crl()
            + "; a server running with --ca-dir sends it to every host at its next ASCI.");
    out.flush();
    return ExitCodes.OK;
  }
}
