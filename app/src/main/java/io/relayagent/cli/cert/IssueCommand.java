package io.relayagent.cli.cert;

import io.relayagent.cli.ExitCodes;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.CertificateInfo;
import io.relayagent.trust.Issuance;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.PemFiles;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relay-agent cert issue --dir DIR --role ROLE --name NAME}: a certificate for a host. */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description = {
      "Issue a certificate and key for a server (serverAuth), a relay (serverAuth and clientAuth;"
          + " its key also signs discovery offers) or an agent (clientAuth).",
      "Writes DIR/NAME.pem (certificate, then root), DIR/NAME-key.pem (owner-only) and, with a"
          + " password, DIR/NAME.p12."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:issued", "2:bad input, or NAME exists and --force was not given"})
public final class IssueCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The CA directory.")
  private Path dir;

  @Option(
      names = "--role",
      required = true,
      paramLabel = "ROLE",
      description = "server, relay or agent.")
  private String role;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "The certificate's common name, also its file name.")
  private String name;

  @Option(
      names = "--dns",
      split = ",",
      paramLabel = "HOST",
      description = "A DNS name the host answers to (repeat, or separate with commas).")
  private List<String> dnsNames = new ArrayList<>();

  @Option(
      names = "--ip",
      split = ",",
      paramLabel = "ADDRESS",
      description = "An IP address the host answers to (repeat, or separate with commas).")
  private List<String> ipAddresses = new ArrayList<>();

  @Option(
      names = "--validity-days",
      paramLabel = "DAYS",
      defaultValue = "365",
      description = "How long the certificate is valid (default: ${DEFAULT-VALUE}).")
  private int validityDays;

  @Mixin private PasswordOptions password;

  @Option(names = "--force", description = "Replace an existing certificate of the same name.")
  private boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Role certificateRole = parseRole(role);
      IssueRequest request =
          IssueRequest.of(certificateRole, name)
              .withDnsNames(dnsNames)
              .withIpAddresses(ipAddresses)
              .withValidity(Validity.days("--validity-days", validityDays));
      CaDirectory ca = new CaDirectory(dir, Clock.systemUTC());
      List<Path> written = new Issuance(ca).issue(request, password.password(), force);
      CertificateInfo issued =
          CertificateInfo.of(PemFiles.readCertificates(ca.certificate(name)).get(0));
      out.printf(
          "Issued %s certificate \"%s\", valid until %s%n",
          certificateRole.cliName(), issued.subject(), issued.notAfter());
      out.printf("SHA-256 fingerprint: %s%n", issued.sha256Fingerprint());
      written.forEach(file -> out.println("wrote " + file));
      if (certificateRole != Role.AGENT && dnsNames.isEmpty() && ipAddresses.isEmpty()) {
        err.println(
            "relay-agent: warning: no --dns or --ip: clients that check the host name will refuse"
                + " this certificate");
      }
    } catch (TrustFileException | IllegalArgumentException e) {
      return CertFailures.report(err, e);
    }
    out.flush();
    err.flush();
    return ExitCodes.OK;
  }

  /** A role a certificate can be issued for: the CA's own is made by init-ca. */
  private static Role parseRole(String text) {
    boolean known = Role.SERVER.cliName().equals(text) || Role.RELAY.cliName().equals(text);
    if (known || Role.AGENT.cliName().equals(text)) {
      return Role.fromCliName(text);
    }
    throw new IllegalArgumentException(
        "--role must be server, relay or agent, not \"" + text + "\"");
  }
}
