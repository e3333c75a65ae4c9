package io.relayagent.cli.admin;

import io.relayagent.server.admin.AdminClient;
import io.relayagent.server.admin.AdminException;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFileException;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How the administrator's commands ({@code relay}, {@code server token}) reach the server's
 * administrator API: its URL, the CA that must have issued its certificate, and the administrator's
 * token (as {@code ofcedgecfg --pwd} takes the server's root password, but from a file, so it shows
 * in no process list).
 */
public final class AdminConnection {
  /** The exit codes of every command that asks the server, after its own "0:...". */
  public static final String EXIT_REFUSED = "1:the server refused, or could not be reached";

  public static final String EXIT_BAD_INPUT =
      "2:bad options, or the token or CA file cannot be read";

  @Option(
      names = "--server",
      required = true,
      paramLabel = "URL",
      description = "The management server, https://HOST:PORT (a name its certificate holds).")
  private URI server;

  @Option(
      names = "--token-file",
      required = true,
      paramLabel = "FILE",
      description = "The administrator token: the server's DIR/admin-token, or a copy.")
  private Path tokenFile;

  @Option(
      names = "--ca",
      required = true,
      paramLabel = "FILE",
      description = "The organisation CA certificate (PEM) that issued the server's certificate.")
  private Path ca;

  /** A client for the server, its token read and its trust loaded. */
  public AdminClient connect() throws TrustFileException, IOException {
    String token;
    try {
      token = Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new IOException(tokenFile + ": cannot be read: " + e.getMessage(), e);
    }
    if (token.isEmpty()) {
      throw new IOException(tokenFile + ": the token file is empty");
    }
    TrustMaterial trust = TrustMaterial.load(TrustFiles.trusting(ca));
    return new AdminClient(server, token, TlsContexts.forJdkClient(trust, Role.SERVER));
  }

  public URI server() {
    return server;
  }

  /** What a command does with the server once connected; returns the command's exit code. */
  @FunctionalInterface
  public interface AdminCall {
    int run(AdminClient admin) throws IOException, InterruptedException, AdminException;
  }

  /**
   * Connects and runs {@code call}, turning each kind of failure into its exit code and message:
   * unreadable local files (2), a refusal or an unreachable server (1).
   */
  public int run(PrintWriter err, AdminCall call) throws InterruptedException {
    AdminClient admin;
    try {
      admin = connect();
    } catch (TrustFileException | IOException | IllegalArgumentException e) {
      return AdminFailures.invalidInput(err, e);
    }
    try {
      return call.run(admin);
    } catch (AdminException e) {
      return AdminFailures.refused(err, server, e);
    } catch (IOException e) {
      return AdminFailures.unreachable(err, server, e);
    }
  }
}
