package io.relayagent.cli.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import io.relayagent.cli.ExitCodes;
import io.relayagent.trust.Credential;
import io.relayagent.trust.PemFiles;
import io.relayagent.trust.Pkcs12Files;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueCommandTest {
  @TempDir Path dir;
  @TempDir Path secrets;

  @BeforeEach
  void initCa() {
    assertThat(CliRun.run("cert", "init-ca", "--dir", dir.toString()).exitCode()).isZero();
  }

  @Test
  void issue_eachRole_getsTheUsagesOfItsRoleAndTheGivenNames() {
    assertThat(
            issue(
                    "--role",
                    "server",
                    "--name",
                    "mgmt",
                    "--dns",
                    "mgmt.example.com,mgmt",
                    "--ip",
                    "10.0.0.5")
                .exitCode())
        .isZero();
    assertThat(
            issue("--role", "relay", "--name", "relay-1", "--dns", "relay-1.example.com")
                .exitCode())
        .isZero();
    assertThat(issue("--role", "agent", "--name", "agent-1").exitCode()).isZero();

    assertThat(show("mgmt"))
        .containsPattern("Role: +server\n")
        .containsPattern("Key usage: +digitalSignature\n")
        .containsPattern("Extended key usage: +serverAuth\n")
        .containsPattern("Alternative names: +DNS:mgmt.example.com, DNS:mgmt, IP:10.0.0.5\n");
    assertThat(show("relay-1"))
        .containsPattern("Role: +relay\n")
        .containsPattern("Extended key usage: +serverAuth, clientAuth\n");
    assertThat(show("agent-1"))
        .containsPattern("Role: +agent\n")
        .containsPattern("Extended key usage: +clientAuth\n")
        .containsPattern("Alternative names: +-\n");
  }

  @Test
  void issue_printsWhatItWrote_andKeysAreOwnerOnly() throws Exception {
    CliRun run = issue("--role", "agent", "--name", "agent-1", "--validity-days", "10");

    assertThat(run.out())
        .startsWith("Issued agent certificate \"CN=agent-1\", valid until ")
        .contains("wrote " + dir.resolve("agent-1-key.pem"))
        .contains("wrote " + dir.resolve("agent-1.pem"));
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("agent-1-key.pem"))))
        .isEqualTo("rw-------");
  }

  @Test
  void issue_passwordFile_alsoWritesPkcs12ProtectedByIt() throws Exception {
    Path passwordFile = Files.writeString(secrets.resolve("p12.pass"), "from a file\n");

    CliRun run =
        issue("--role", "agent", "--name", "laptop", "--password-file", passwordFile.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("wrote " + dir.resolve("laptop.p12"));
    Credential stored = Pkcs12Files.read(dir.resolve("laptop.p12"), "from a file".toCharArray());
    assertThat(stored.chain()).isEqualTo(PemFiles.readCertificates(dir.resolve("laptop.pem")));
  }

  @Test
  void issue_passwordEnv_takesThePasswordFromTheVariable_andAnUnsetOneIsRefused() throws Exception {
    // PATH is set wherever tests run; its value stands in for a password exported by a script.
    CliRun run = issue("--role", "agent", "--name", "laptop", "--password-env", "PATH");
    CliRun unset =
        issue(
            "--role", "agent", "--name", "other", "--password-env", "RELAY_AGENT_NO_SUCH_VARIABLE");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Pkcs12Files.read(dir.resolve("laptop.p12"), System.getenv("PATH").toCharArray());
    assertThat(unset.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(unset.err())
        .contains(
            "the environment variable RELAY_AGENT_NO_SUCH_VARIABLE (--password-env) is not set or empty");
    assertThat(dir.resolve("other.pem")).doesNotExist();
  }

  @Test
  void issue_passwordOnTheCommandLine_isNotAnOption() {
    CliRun run = issue("--role", "agent", "--name", "laptop", "--password", "visible-to-ps");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("Unknown options: '--password'");
    assertThat(dir.resolve("laptop.pem")).doesNotExist();
  }

  @Test
  void issue_existingName_exits2WithoutForce_andLeavesTheFilesAlone() throws Exception {
    issue("--role", "agent", "--name", "agent-1");
    byte[] key = Files.readAllBytes(dir.resolve("agent-1-key.pem"));

    CliRun again = issue("--role", "agent", "--name", "agent-1");

    assertThat(again.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(again.err())
        .contains(dir.resolve("agent-1-key.pem") + ": exists; use --force to replace it");
    assertThat(Files.readAllBytes(dir.resolve("agent-1-key.pem"))).isEqualTo(key);
    assertThat(issue("--role", "agent", "--name", "agent-1", "--force").exitCode()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("agent-1-key.pem"))).isNotEqualTo(key);
  }

  @Test
  void issue_badRoleNameOrAddress_exits2WithTheReason() {
    assertThat(issue("--role", "ca", "--name", "x").err())
        .contains("--role must be server, relay or agent, not \"ca\"");
    assertThat(issue("--role", "agent", "--name", "../x").err())
        .contains("\"../x\" cannot name a certificate");
    assertThat(issue("--role", "server", "--name", "s", "--ip", "mgmt").err())
        .contains("not an IPv4 or IPv6 address: \"mgmt\"");
    assertThat(issue("--role", "server", "--name", "s", "--ip", "mgmt").exitCode())
        .isEqualTo(ExitCodes.INVALID_INPUT);
  }

  @Test
  void issue_serverWithoutAlternativeNames_warnsThatHostNameChecksWillFail() {
    CliRun run = issue("--role", "server", "--name", "mgmt");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("warning: no --dns or --ip");
  }

  @Test
  void issue_withoutCa_exits2NamingTheMissingFile() {
    CliRun run =
        CliRun.run("cert", "issue", "--dir", secrets.toString(), "--role", "agent", "--name", "a");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains(secrets.resolve("ca.pem") + ": no such file");
  }

  private CliRun issue(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "cert";
    all[1] = "issue";
    all[2] = "--dir";
    all[3] = dir.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    return CliRun.run(all);
  }

  private String show(String name) {
    CliRun run = CliRun.run("cert", "show", dir.resolve(name + ".pem").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out().replace(System.lineSeparator(), "\n");
  }
}
