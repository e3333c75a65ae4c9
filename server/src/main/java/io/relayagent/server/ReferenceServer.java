package io.relayagent.server;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.relayagent.server.admin.AdminEndpoint;
import io.relayagent.server.admin.AdminToken;
import io.relayagent.server.agent.AgentDirectory;
import io.relayagent.server.agent.AgentEndpoint;
import io.relayagent.server.agent.AgentFiles;
import io.relayagent.server.agent.AgentSummaries;
import io.relayagent.server.console.ConsoleEndpoint;
import io.relayagent.server.console.ConsoleSessions;
import io.relayagent.server.edge.EdgeRelayRegistry;
import io.relayagent.server.enroll.CertificateIssuer;
import io.relayagent.server.enroll.CertificatePaths;
import io.relayagent.server.enroll.EnrollEndpoint;
import io.relayagent.server.enroll.EnrollmentTokenPaths;
import io.relayagent.server.enroll.EnrollmentTokens;
import io.relayagent.server.enroll.TrustBundleDocument;
import io.relayagent.server.events.EventStore;
import io.relayagent.server.http.HttpsListener;
import io.relayagent.server.repo.Repository;
import io.relayagent.server.repo.RepositoryEndpoint;
import io.relayagent.server.store.Stores;
import io.relayagent.server.wakeup.PollHolders;
import io.relayagent.server.wakeup.RemoteWakeups;
import io.relayagent.server.wakeup.WaitingAgents;
import io.relayagent.server.wakeup.WakeupPaths;
import io.relayagent.server.wakeup.WakeupSigner;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.ContentSignatures;
import io.relayagent.trust.Credential;
import io.relayagent.trust.LiveTrust;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFileException;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference management server: HTTPS with client certificates for agents and relays, serving
 * policies, the SiteList, the signed content repository, status and event ingestion, and the
 * administrator's API (docs/server-protocol.md). For demos, tests and small sites.
 *
 * <pre>{@code
 * try (ReferenceServer server = ReferenceServer.start(ServerSettings.load(dir))) {
 *   int port = server.port();
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops gracefully: no new connections, the requests in flight are answered (up
 * to {@link ServerLimits#stopTimeout()}), then connections close and the stores are flushed.
 */
public final class ReferenceServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReferenceServer.class);

  /** How soon a change of the trust files (a revocation, a rollover) reaches new handshakes. */
  static final Duration TRUST_RELOAD_INTERVAL = Duration.ofSeconds(2);

  /** The most agents whose wake-up poll the server holds at once. */
  static final int MAX_WAITING_AGENTS = 20_000;

  /** How long after one poll the agent's next counts as due (a wake-up then waits for it). */
  static final Duration WAKEUP_GRACE = Duration.ofSeconds(10);

  /** How long a wake-up may be acted on: agents' clocks may be minutes apart from the server's. */
  static final Duration WAKEUP_LIFETIME = Duration.ofMinutes(5);

  private final ServerSettings settings;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private HttpsListener listener;
  private LiveTrust trust;
  private AdminToken token;
  private Repository repository;
  private WaitingAgents waiting;
  private boolean closed;

  private ReferenceServer(ServerSettings settings) {
    this.settings = settings;
  }

  /**
   * Loads the directory's files and starts listening.
   *
   * @throws ServerStartException naming the file or the address at fault
   */
  public static ReferenceServer start(ServerSettings settings) throws ServerStartException {
    ReferenceServer server = new ReferenceServer(settings);
    try {
      server.open(Clock.systemUTC());
      return server;
    } catch (XmlFileException | TrustFileException e) {
      server.close();
      throw new ServerStartException(e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw new ServerStartException("cannot start the server: " + e.getMessage(), e);
    }
  }

  private void open(Clock clock) throws IOException, XmlFileException, TrustFileException {
    ServerDirectory dir = settings.directory();
    ServerLimits limits = settings.limits();
    trust = LiveTrust.load(settings.effectiveTrust());
    resources.push(new TrustReloader(trust, TRUST_RELOAD_INTERVAL));
    token = AdminToken.loadOrCreate(dir.adminToken());
    Stores stores = Stores.open(settings.effectiveDatabase(), dir);
    resources.push(stores);
    EdgeRelayRegistry registry = new EdgeRelayRegistry(stores.edgeRelays());
    AgentFiles files = AgentFiles.load(dir, registry);
    AgentDirectory agents = new AgentDirectory(stores.agents(), stores.relayStatistics());
    EnrollmentTokens tokens = EnrollmentTokens.open(stores.tokens());
    CertificateIssuer issuer =
        new CertificateIssuer(settings.caDirectory(), settings.enrollmentValidity(), clock);
    EventStore events = stores.events();
    repository =
        Repository.open(
            dir.repository(), dir.catalogState(), ContentSignatures.signer(trust.current()), clock);
    resources.push(repository);
    repository.scanEvery(settings.repositoryScanInterval());
    signWithRenewedCertificates();
    CertificatePaths certificates =
        new CertificatePaths(issuer, new TrustBundleDocument(trust), trust, clock);
    ScheduledThreadPoolExecutor wakeupTimer =
        new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("wakeup-timer", true));
    wakeupTimer.setRemoveOnCancelPolicy(true);
    resources.push(wakeupTimer::shutdownNow);
    waiting =
        new WaitingAgents(
            MAX_WAITING_AGENTS, limits.wakeupHold(), WAKEUP_GRACE, clock, wakeupTimer);
    wakeupTimer.scheduleWithFixedDelay(waiting::forgetIdle, 30, 30, TimeUnit.SECONDS);
    ExecutorService wakeupDelivery =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            new DefaultThreadFactory("wakeup-delivery", true));
    resources.push(wakeupDelivery::shutdownNow);
    PollHolders holders = PollHolders.start(stores.wakeupHolders(), clock, wakeupTimer);
    resources.push(holders);
    RemoteWakeups remote =
        RemoteWakeups.start(holders.instance(), stores.wakeups(), waiting, clock);
    resources.push(remote);
    WakeupPaths wakeups =
        new WakeupPaths(
            waiting,
            holders,
            remote,
            new WakeupSigner(trust, WAKEUP_LIFETIME, clock),
            agents,
            limits.maxSmallBodyBytes() * 16,
            clock,
            wakeupDelivery);
    AgentSummaries summaries = new AgentSummaries(agents, events, trust);
    ConsoleSessions consoleSessions = new ConsoleSessions(stores.consoleSecrets(), clock);
    listener =
        HttpsListener.start(
            settings.bindAddress(),
            TlsContexts.forServer(trust, Role.AGENT),
            new ChainVerifier(trust, clock),
            limits,
            new HttpsListener.Endpoints(
                new AgentEndpoint(files, agents, events, certificates, wakeups, limits, clock),
                new RepositoryEndpoint(repository),
                new AdminEndpoint(
                    token,
                    summaries,
                    events,
                    registry,
                    repository,
                    new EnrollmentTokenPaths(tokens, clock),
                    wakeups,
                    consoleSessions,
                    limits,
                    clock),
                new EnrollEndpoint(tokens, issuer, clock),
                new ConsoleEndpoint(
                    consoleSessions, summaries, registry, events, repository, clock)));
    resources.push(listener);
    // Closed before the listener: the waiting polls are answered, so the stop need not wait them.
    resources.push(waiting);
    log.info(
        "reference server listening on {} (directory {}; {})",
        address(),
        dir.root(),
        issuer.available()
            ? "enrolling from the CA directory " + settings.caDirectory()
            : "no CA directory: no enrollment");
  }

  /**
   * When the server's own certificate is replaced on disk (after {@code cert renew}), the catalog
   * is signed again with the new key: its signature chain must stay trusted after the rollover.
   */
  private void signWithRenewedCertificates() {
    AtomicReference<X509Certificate> signing =
        new AtomicReference<>(trust.current().identity().map(Credential::certificate).orElse(null));
    trust.addListener(
        material -> {
          X509Certificate now = material.identity().map(Credential::certificate).orElse(null);
          if (now == null || now.equals(signing.get())) {
            return;
          }
          try {
            repository.resign(ContentSignatures.signer(material));
            signing.set(now);
          } catch (IllegalArgumentException e) {
            log.error("the server's new certificate cannot sign the catalog: {}", e.getMessage());
          }
        });
  }

  /** The port it listens on (the one the system picked, if the settings said 0). */
  public int port() {
    return address().getPort();
  }

  public InetSocketAddress address() {
    return listener.address();
  }

  /** The certificate the server presents (its names are what clients must use to reach it). */
  public Optional<X509Certificate> certificate() {
    return trust.current().identity().map(Credential::certificate);
  }

  /** Whether the server has a CA directory, so that hosts can enroll and renew. */
  public boolean enrolling() {
    return settings.caDirectory() != null;
  }

  /** The CA directory the server issues from, if it has one ({@code null} otherwise). */
  public Path caDirectory() {
    return settings.caDirectory();
  }

  /** The administrator's token ({@code DIR/admin-token}). */
  public String adminToken() {
    return token.value();
  }

  /** The agents whose wake-up connection the server holds (docs/wakeup.md). */
  public WaitingAgents waitingAgents() {
    return waiting;
  }

  /** Scans the repository now; the catalog version after the scan. */
  public long rescanRepository() throws IOException {
    return repository.rescan();
  }

  /** Stops gracefully, the listener first and the stores last; safe to call more than once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        log.error("stopping: cannot close a part of the server cleanly", e);
      }
    }
    log.info("reference server in {} stopped", settings.directory().root());
  }
}
