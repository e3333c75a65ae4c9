package io.relayagent.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import io.relayagent.server.ReferenceServer;
import io.relayagent.server.ServerSettings;
import io.relayagent.server.ServerStartException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A server directory as an administrator makes one: a CA with {@code relay-agent cert}, the
 * server's certificate for localhost and 127.0.0.1, and a repository with one file.
 */
public final class ServerDirectories {
  private ServerDirectories() {}

  /** Makes {@code root/ca} (the CA) and {@code root/server} (the server's directory). */
  public static Path create(Path root) throws IOException {
    Path ca = root.resolve("ca");
    Path server = Files.createDirectories(root.resolve("server"));
    assertThat(CliRun.run("cert", "init-ca", "--dir", ca.toString()).exitCode()).isZero();
    CliRun issue =
        CliRun.run(
            "cert",
            "issue",
            "--dir",
            ca.toString(),
            "--role",
            "server",
            "--name",
            "server",
            "--dns",
            "localhost",
            "--ip",
            "127.0.0.1");
    assertThat(issue.exitCode()).as(issue.err()).isZero();
    for (String file : new String[] {"ca.pem", "server.pem", "server-key.pem"}) {
      Files.copy(ca.resolve(file), server.resolve(file));
    }
    Files.createDirectories(server.resolve("repo"));
    Files.writeString(server.resolve("repo/hello.txt"), "hello");
    return server;
  }

  /** {@link #create} and starts the server on a loopback port the system picks. */
  public static ReferenceServer start(Path root) throws IOException, ServerStartException {
    return ReferenceServer.start(
        ServerSettings.load(create(root))
            .withBindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
  }

  /** The options of an administrator's command for the server of {@code root} on {@code port}. */
  public static List<String> adminOptions(Path root, int port) {
    return List.of(
        "--server",
        "https://localhost:" + port,
        "--token-file",
        root.resolve("server/admin-token").toString(),
        "--ca",
        root.resolve("ca/ca.pem").toString());
  }
}
