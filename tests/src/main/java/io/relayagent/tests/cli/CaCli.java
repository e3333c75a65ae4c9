package io.relayagent.tests.cli;

import io.relayagent.tests.lan.Command;
import io.relayagent.tests.lan.JavaHosts;
import java.nio.file.Path;
import java.util.List;

/**
 * The organisation's CA directory, run with the shipped {@code relay-agent cert} commands as an
 * administrator runs them (docs/certificates.md). They need no network, so they run outside the
 * LAN; the server follows the directory's files while it runs.
 */
public final class CaCli {

  private final Path directory;

  public CaCli(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  /** The roots every host trusts: during a rollover, the new root and the previous one. */
  public Path trustBundle() {
    return directory.resolve("trust-bundle.pem");
  }

  /** {@code cert init-ca --dir DIR --ca-name NAME}. */
  public CaCli initCa(String name) {
    return cert("init-ca", "--ca-name", name);
  }

  /** {@code cert issue --role ROLE --name NAME --ip ADDRESS}: {@code NAME.pem}, its key. */
  public CaCli issue(String role, String name, String ipAddress) {
    return cert("issue", "--role", role, "--name", name, "--ip", ipAddress);
  }

  /** {@code cert revoke --name NAME}. */
  public CaCli revoke(String name) {
    return cert("revoke", "--name", name);
  }

  /** {@code cert renew} without {@code --keep-root-ca}: a new root, and a rollover begins. */
  public CaCli rollOver() {
    return cert("renew");
  }

  /** {@code cert finish-rollover}: the previous root is no longer trusted. */
  public CaCli finishRollover() {
    return cert("finish-rollover");
  }

  /** The current root's SHA-256 fingerprint, as {@code cert show --json ca.pem} prints it. */
  public String rootFingerprint() {
    String json =
        Command.stdout(
            JavaHosts.relayAgent("cert", "show", "--json", directory.resolve("ca.pem").toString()));
    return CliJson.string(CliJson.array(json).get(0), "sha256Fingerprint");
  }

  private CaCli cert(String command, String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("cert", command, "--dir"));
    args.add(directory.toString());
    args.addAll(List.of(options));
    Command.run(JavaHosts.relayAgent(args.toArray(String[]::new)));
    return this;
  }
}
