package io.relayagent.server;

import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.TrustFiles;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the reference server needs to start. Tests and the demo build settings in code; {@code
 * relay-agent server} loads them from the directory (see {@link #load}).
 *
 * <pre>{@code
 * ServerSettings settings =
 *     ServerSettings.of(dir, TrustFiles.trusting(ca).withIdentity(chain, key))
 *         .withCaDirectory(caDir)
 *         .withBindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
 * try (ReferenceServer server = ReferenceServer.start(settings)) {
 *   URI base = URI.create("https://localhost:" + server.port());
 * }
 * }</pre>
 *
 * @param trust the files of the CA certificates to trust, the CRL, and the server's own certificate
 *     (role server) and key; the server follows changes to them while it runs
 * @param caDirectory the administrator's CA directory ({@code relay-agent cert init-ca}), or {@code
 *     null}: with one the server enrolls and renews certificates, and trusts the directory's trust
 *     bundle and CRL instead of the roots and CRL of {@code trust}
 * @param bindAddress where to listen; port 0 picks a free port
 * @param repositoryScanInterval how often {@code repo/} is compared with the catalog; zero for
 *     never (a rescan then happens at start, on an administrator's call, and when a served file
 *     changed)
 * @param enrollmentValidity how long a certificate issued by enrollment or renewal lasts
 * @param database where the server keeps agents, events, edge relays and tokens; {@code null} for
 *     SQLite in the directory ({@link DatabaseSettings#sqliteIn})
 */
public record ServerSettings(
    ServerDirectory directory,
    TrustFiles trust,
    Path caDirectory,
    InetSocketAddress bindAddress,
    Duration repositoryScanInterval,
    Duration enrollmentValidity,
    ServerLimits limits,
    DatabaseSettings database) {

  /** The management server's port (DESIGN.md, "Ports"). */
  public static final int DEFAULT_PORT = 443;

  public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofSeconds(10);

  /** Ninety days: agents renew at two thirds of it, so a lost host drops out within a season. */
  public static final Duration DEFAULT_ENROLLMENT_VALIDITY = Duration.ofDays(90);

  public ServerSettings {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(limits, "limits");
    if (repositoryScanInterval.isNegative()) {
      throw new IllegalArgumentException("the repository scan interval cannot be negative");
    }
    if (enrollmentValidity.isNegative() || enrollmentValidity.isZero()) {
      throw new IllegalArgumentException("the enrollment validity must be positive");
    }
  }

  /** Settings for {@code dir} with the given trust files, on every address at port 443. */
  public static ServerSettings of(Path dir, TrustFiles trust) {
    return new ServerSettings(
        new ServerDirectory(dir),
        trust,
        null,
        new InetSocketAddress(DEFAULT_PORT),
        DEFAULT_SCAN_INTERVAL,
        DEFAULT_ENROLLMENT_VALIDITY,
        ServerLimits.defaults(),
        null);
  }

  /**
   * Settings from {@code dir}: its {@code server.properties} if there is one (see {@code
   * docs/server-protocol.md}), and the trust files it names (by default {@code ca.pem}, {@code
   * server.pem}, {@code server-key.pem}, and {@code crl.pem} if there is one).
   *
   * @throws ServerStartException naming the file and the problem
   */
  public static ServerSettings load(Path dir) throws ServerStartException {
    return ServerProperties.load(new ServerDirectory(dir));
  }

  /**
   * The files the server's trust is read from: with a CA directory, its trust bundle and CRL (so
   * that a rollover, a renewal or a revocation there applies at once), else {@link #trust()}.
   */
  public TrustFiles effectiveTrust() {
    if (caDirectory == null) {
      return trust;
    }
    CaDirectory ca = new CaDirectory(caDirectory, Clock.systemUTC());
    return new TrustFiles(
        List.of(ca.trustBundle()),
        trust.certificateChainFile(),
        trust.privateKeyFile(),
        trust.keyPasswordFile(),
        ca.crl());
  }

  public ServerSettings withTrust(TrustFiles files) {
    return new ServerSettings(
        directory,
        files,
        caDirectory,
        bindAddress,
        repositoryScanInterval,
        enrollmentValidity,
        limits,
        database);
  }

  /** The CA directory to enroll from ({@code null}: none, enrollment answers 503). */
  public ServerSettings withCaDirectory(Path dir) {
    return new ServerSettings(
        directory,
        trust,
        dir,
        bindAddress,
        repositoryScanInterval,
        enrollmentValidity,
        limits,
        database);
  }

  public ServerSettings withBindAddress(InetSocketAddress address) {
    return new ServerSettings(
        directory,
        trust,
        caDirectory,
        address,
        repositoryScanInterval,
        enrollmentValidity,
        limits,
        database);
  }

  /** The same address, another port. */
  public ServerSettings withPort(int port) {
    InetSocketAddress address =
        bindAddress.getAddress() == null || bindAddress.getAddress().isAnyLocalAddress()
            ? new InetSocketAddress(port)
            : new InetSocketAddress(bindAddress.getAddress(), port);
    return withBindAddress(address);
  }

  /**
   * The same port on {@code ipLiteral} only.
   *
   * @throws IllegalArgumentException if it is not an IP address (the server never asks DNS)
   */
  public ServerSettings withBind(String ipLiteral) {
    return withBindAddress(
        new InetSocketAddress(ServerProperties.literal(ipLiteral.trim()), bindAddress.getPort()));
  }

  public ServerSettings withRepositoryScanInterval(Duration interval) {
    return new ServerSettings(
        directory, trust, caDirectory, bindAddress, interval, enrollmentValidity, limits, database);
  }

  public ServerSettings withEnrollmentValidity(Duration validity) {
    return new ServerSettings(
        directory,
        trust,
        caDirectory,
        bindAddress,
        repositoryScanInterval,
        validity,
        limits,
        database);
  }

  /** The database to keep the server's state in ({@code null}: SQLite in the directory). */
  public ServerSettings withDatabase(DatabaseSettings newDatabase) {
    return new ServerSettings(
        directory,
        trust,
        caDirectory,
        bindAddress,
        repositoryScanInterval,
        enrollmentValidity,
        limits,
        newDatabase);
  }

  /** The database the server uses: the one named, or SQLite in the directory. */
  public DatabaseSettings effectiveDatabase() {
    return database != null ? database : DatabaseSettings.sqliteIn(directory.root());
  }

  public ServerSettings withLimits(ServerLimits newLimits) {
    return new ServerSettings(
        directory,
        trust,
        caDirectory,
        bindAddress,
        repositoryScanInterval,
        enrollmentValidity,
        newLimits,
        database);
  }
}
