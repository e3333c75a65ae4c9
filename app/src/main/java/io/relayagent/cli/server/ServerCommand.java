package io.relayagent.cli.server;

import io.relayagent.cli.ExitCodes;
import io.relayagent.server.ReferenceServer;
import io.relayagent.server.ServerSettings;
import io.relayagent.server.ServerStartException;
import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.sitelist.IpLiterals;
import io.relayagent.trust.CertificateInfo;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code relay-agent server --dir DIR [--ca-dir CA]}: the reference management server, until
 * stopped; {@code relay-agent server token ...}: the running server's enrollment tokens.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Run the reference management server: policies, the SiteList, a signed content repository,"
          + " status and event ingestion, the edge relay registry, and enrollment and renewal of"
          + " certificates, over HTTPS with client certificates (docs/server-protocol.md). For"
          + " demos, tests and small sites.",
      "DIR holds ca.pem, server.pem and server-key.pem (or what DIR/server.properties names),"
          + " policy.xml (the base policy), policies/<agent-id>.xml (one agent's own policy,"
          + " served to that agent instead: the agent id is the name in its certificate),"
          + " SiteList.xml (the base SiteList), RelaySiteList.xml (the SiteList relays get;"
          + " without it they get SiteList.xml), sitelists/<agent-id>.xml (one agent's own"
          + " SiteList) and repo/. The relays' SiteList must cover every agent's list: the server"
          + " checks it at start (and does not start if it does not) and at each change of a"
          + " list, refusing a change that would leave an agent's site outside it (the log names"
          + " the file and the site; the last good lists stay served). With a CA directory (--ca-dir, or ca.directory"
          + " in server.properties) the server enrolls hosts that bring a token (server token"
          + " create), renews certificates, and trusts that directory's trust-bundle.pem and"
          + " crl.pem, re-read while it runs: cert revoke, cert renew and cert finish-rollover"
          + " apply without a restart (docs/enrollment.md). Runs until Ctrl-C or SIGTERM, then"
          + " stops gracefully."
    },
    subcommands = {
      TokenCommand.class,
      BundleCommand.class,
      WakeupCommand.class,
      ConsoleLinkCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped",
      "2:bad options; a file of DIR missing or invalid; the database cannot be reached; or the"
          + " address cannot be listened on"
    })
public final class ServerCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  // Required for running the server, but not for its subcommands: checked in call(), as picocli
  // would ask a parent's required option of every subcommand too.
  @Option(names = "--dir", paramLabel = "DIR", description = "The server's directory (required).")
  private Path dir;

  @Option(
      names = "--ca-dir",
      paramLabel = "CA",
      description =
          "The CA directory (relay-agent cert init-ca) to enroll and renew from, and whose trust"
              + " bundle and CRL the server follows (default: ca.directory in server.properties;"
              + " none: no enrollment).")
  private Path caDir;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The HTTPS port (default: server.properties, else 443; 0 picks a free one).")
  private Integer port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description = "Listen on this IP address only (default: every address).")
  private String bind;

  @Option(
      names = "--database",
      paramLabel = "URL",
      description =
          "Keep agents, events, edge relays and tokens in this database:"
              + " jdbc:postgresql://HOST:PORT/DB (default: database.url in server.properties, else"
              + " SQLite in DIR/server.db). Give the password with --database-password-file, never"
              + " in the URL.")
  private String database;

  @Option(
      names = "--database-user",
      paramLabel = "USER",
      description = "The database user (default: database.user in server.properties).")
  private String databaseUser;

  @Option(
      names = "--database-password-file",
      paramLabel = "FILE",
      description =
          "A file whose first line is the database password, readable by its owner only"
              + " (default: database.passwordFile in server.properties).")
  private Path databasePasswordFile;

  @Override
  public Integer call() {
    if (dir == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--dir=DIR'");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReferenceServer server;
    try {
      server = ReferenceServer.start(settings());
    } catch (ServerStartException | IllegalArgumentException e) {
      err.println("relay-agent: " + e.getMessage());
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              server.close();
              stopped.countDown();
            },
            "server-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    out.printf("Reference server listening on %s%n", describe(server.address()));
    out.printf("Agents and relays reach it as %s%n", url(server));
    out.printf("Administrator token: %s%n", dir.resolve("admin-token"));
    out.println(
        server.enrolling()
            ? "Enrolling and renewing certificates from " + server.caDirectory()
            : "No CA directory: hosts cannot enroll (see --ca-dir).");
    out.println("Stop with Ctrl-C.");
    out.flush();
    boolean interrupted = false;
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from within this JVM (an embedding program or a test), not by a signal.
      interrupted = true;
    } finally {
      removeQuietly(hook);
      server.close(); // with the interrupt cleared, so the stop can wait for requests in flight
    }
    out.println("Stopped.");
    out.flush();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  private ServerSettings settings() throws ServerStartException {
    ServerSettings settings = ServerSettings.load(dir);
    if (port != null) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be 0 to 65535, not " + port);
      }
      settings = settings.withPort(port);
    }
    if (bind != null) {
      settings = settings.withBind(bind);
    }
    if (caDir != null) {
      settings = settings.withCaDirectory(caDir.toAbsolutePath());
    }
    return withDatabase(settings);
  }

  /** The database options over server.properties' database settings. */
  private ServerSettings withDatabase(ServerSettings settings) {
    if (database == null && databaseUser == null && databasePasswordFile == null) {
      return settings;
    }
    if (database != null && database.toLowerCase(Locale.ROOT).contains("password=")) {
      // Every local user can read a command line (ps, /proc): the password goes in a file.
      throw new IllegalArgumentException(
          "--database must not carry a password; give it with --database-password-file");
    }
    DatabaseSettings named = settings.database();
    if (database == null && named == null) {
      throw new IllegalArgumentException(
          "--database-user and --database-password-file need --database (or database.url)");
    }
    String url = database != null ? database : named.url();
    String user = databaseUser != null ? databaseUser : named == null ? null : named.user();
    Path passwordFile =
        databasePasswordFile != null
            ? databasePasswordFile.toAbsolutePath()
            : named == null ? null : named.passwordFile();
    return settings.withDatabase(new DatabaseSettings(url, user, passwordFile));
  }

  /** The URL with the first name of the server's certificate: what a client's check accepts. */
  private String url(ReferenceServer server) {
    String host =
        server.certificate().map(CertificateInfo::of).stream()
            .flatMap(info -> info.subjectAlternativeNames().stream())
            .findFirst()
            .map(ServerCommand::urlHost)
            .orElse(urlHost(IpLiterals.format(server.address().getAddress())));
    return "https://" + host + ":" + server.port() + "/";
  }

  /**
   * A certificate name ({@code DNS:name}, {@code IP:address}) or an address as a URL's host; IPv6
   * in brackets, in the RFC 5952 short form {@link CertificateInfo} and {@link IpLiterals} give.
   */
  private static String urlHost(String name) {
    String value = name.replaceFirst("^(DNS|IP):", "");
    return value.indexOf(':') >= 0 ? "[" + value + "]" : value;
  }

  private static String describe(InetSocketAddress address) {
    String host =
        address.getAddress().isAnyLocalAddress()
            ? "every address"
            : IpLiterals.format(address.getAddress());
    return host + ", port " + address.getPort();
  }

  private static void removeQuietly(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down and runs the hook itself.
    }
  }
}
