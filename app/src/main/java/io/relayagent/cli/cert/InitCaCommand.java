package io.relayagent.cli.cert;

import io.relayagent.cli.ExitCodes;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.CertificateAuthority;
import io.relayagent.trust.CertificateInfo;
import io.relayagent.trust.Issuance;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.TrustFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relay-agent cert init-ca --dir DIR}: creates the organisation's root CA. */
@Command(
    name = "init-ca",
    mixinStandardHelpOptions = true,
    description = {
      "Create the organisation's root CA in DIR: ca.pem, ca-key.pem (owner-only),"
          + " trust-bundle.pem for every host to trust, and an empty crl.pem.",
      "Keep DIR on an administrator's machine: whoever holds ca-key.pem can issue certificates."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:created", "2:bad input, or the CA exists and --force was not given"})
public final class InitCaCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The CA directory.")
  private Path dir;

  @Option(
      names = "--ca-name",
      paramLabel = "NAME",
      defaultValue = "Relay Agent Root CA",
      description = "The root's common name (default: ${DEFAULT-VALUE}).")
  private String caName;

  @Option(
      names = "--subject",
      paramLabel = "DN",
      description = "The root's whole subject instead, e.g. \"CN=Acme Relay Root,O=Acme,C=DE\".")
  private String subject;

  @Option(
      names = "--key-type",
      paramLabel = "TYPE",
      defaultValue = "p256",
      description = "p256 or p384 (default: ${DEFAULT-VALUE}).")
  private String keyType;

  @Option(
      names = "--validity-days",
      paramLabel = "DAYS",
      defaultValue = "3650",
      description = "How long the root is valid (default: ${DEFAULT-VALUE}).")
  private int validityDays;

  @Option(names = "--force", description = "Replace an existing CA in DIR.")
  private boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> written;
    try {
      String rootSubject =
          subject != null ? subject : CertificateAuthority.subjectWithCommonName(caName);
      CaDirectory ca = new CaDirectory(dir, Clock.systemUTC());
      written =
          new Issuance(ca)
              .initialize(
                  rootSubject,
                  KeyAlgorithm.fromCliName(keyType),
                  Validity.days("--validity-days", validityDays),
                  force);
      CertificateInfo root = CertificateInfo.of(ca.loadAuthority().certificate());
      out.printf("Created root CA \"%s\", valid until %s%n", root.subject(), root.notAfter());
      out.printf("SHA-256 fingerprint: %s%n", root.sha256Fingerprint());
    } catch (TrustFileException | IllegalArgumentException e) {
      return CertFailures.report(spec.commandLine().getErr(), e);
    }
    written.forEach(file -> out.println("wrote " + file));
    out.println(
        "Give every host "
            + dir.resolve(CaDirectory.TRUST_BUNDLE)
            + " to trust; keep "
            + dir.resolve(CaDirectory.CA_KEY)
            + " on this machine only.");
    out.flush();
    return ExitCodes.OK;
  }
}
