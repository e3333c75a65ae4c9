package io.relayagent.cli.server;

import io.relayagent.cli.ExitCodes;
import io.relayagent.config.Policy;
import io.relayagent.config.PolicyReader;
import io.relayagent.config.PolicyWriter;
import io.relayagent.server.ServerDirectory;
import io.relayagent.server.ServerSettings;
import io.relayagent.server.ServerStartException;
import io.relayagent.service.ServiceLayout;
import io.relayagent.service.bundle.InstallBundle;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.trust.PemFiles;
import io.relayagent.trust.PemText;
import io.relayagent.trust.TrustFileException;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relay-agent server bundle}: a site's install bundle, the FramePkg equivalent. */
@Command(
    name = "bundle",
    mixinStandardHelpOptions = true,
    description = {
      "Write a site's install bundle into OUT: the packages, the trust bundle (ca.pem), the"
          + " server's SiteList.xml and base policy.xml, the enrollment token, install.sh and"
          + " install.cmd (one command per OS) and a README.",
      "The token is a secret until it expires or its uses are spent: hand the bundle over as you"
          + " would a password. See docs/deployment.md."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:written",
      "1:a file cannot be read or written (named in the message)",
      "2:invalid options"
    })
public final class BundleCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      required = true,
      description = "The server's directory.")
  private Path dir;

  @Option(
      names = "--ca-dir",
      paramLabel = "DIR",
      description =
          "The CA directory the server enrolls from (default: ca.directory in DIR/server.properties).")
  private Path caDir;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private TokenSource token;

  static final class TokenSource {
    @Option(
        names = "--token",
        paramLabel = "TOKEN",
        description = "The enrollment token (from `server token create`).")
    String value;

    @Option(
        names = "--enrollment-token-file",
        paramLabel = "FILE",
        description = "A file holding the token (keeps it out of the process list).")
    Path file;
  }

  @Option(
      names = "--out",
      paramLabel = "OUT",
      required = true,
      description = "A new, empty directory.")
  private Path out;

  @Option(
      names = "--packages",
      paramLabel = "DIR",
      description =
          "Where relay-agent_VERSION_all.deb and relay-agent-VERSION-windows.zip are (default: the"
              + " build tree's packaging/target, or the distribution's packages/).")
  private Path packages;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ServerSettings settings = ServerSettings.load(dir);
      if (caDir != null) {
        settings = settings.withCaDirectory(caDir.toAbsolutePath());
      }
      ServerDirectory server = settings.directory();
      List<Path> written =
          InstallBundle.write(
              out,
              new InstallBundle.Contents(
                  trustBundle(settings),
                  siteList(server),
                  policy(server),
                  token.value != null
                      ? token.value
                      : Files.readString(token.file, StandardCharsets.UTF_8),
                  packages != null ? packages : defaultPackages()));
      for (Path file : written) {
        stdout.println("wrote " + file);
      }
      stdout.println(
          "Install: sudo sh install.sh (Linux), install.cmd as an administrator (Windows).");
      stdout.flush();
      return ExitCodes.OK;
    } catch (ServerStartException | IllegalArgumentException e) {
      err.println("relay-agent: server bundle: " + e.getMessage());
      err.flush();
      return ExitCodes.INVALID_INPUT;
    } catch (IOException | TrustFileException | XmlFileException e) {
      err.println("relay-agent: server bundle: " + e.getMessage());
      err.flush();
      return ExitCodes.CHECK_FAILED;
    }
  }

  /** The roots the server trusts now: during a rollover both, the current one first. */
  private static byte[] trustBundle(ServerSettings settings) throws TrustFileException {
    List<X509Certificate> roots = new ArrayList<>();
    for (Path file : settings.effectiveTrust().caFiles()) {
      roots.addAll(PemFiles.readCertificates(file));
    }
    return PemText.encode(roots).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] siteList(ServerDirectory server) throws IOException, XmlFileException {
    Path file = server.siteList();
    if (!Files.exists(file)) {
      throw new IOException(file + " does not exist: the bundle's hosts need the SiteList");
    }
    SiteListReader.read(file); // a broken SiteList is refused here, not on every host
    return Files.readAllBytes(file);
  }

  /** The server's base policy, or the defaults written out in full when it has none. */
  private static byte[] policy(ServerDirectory server) throws IOException, XmlFileException {
    Path file = server.policy();
    Policy policy = Files.exists(file) ? PolicyReader.read(file) : Policy.defaults();
    return PolicyWriter.toXml(policy).getBytes(StandardCharsets.UTF_8);
  }

  private static Path defaultPackages() {
    Path root = Path.of(ServiceLayout.forThisMachine().installRoot());
    Path buildTree = root.resolve("packaging").resolve("target");
    return Files.isDirectory(buildTree) ? buildTree : root.resolve("packages");
  }
}
