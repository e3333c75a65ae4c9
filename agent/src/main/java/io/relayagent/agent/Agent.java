package io.relayagent.agent;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.relayagent.agent.connect.RelayFailures;
import io.relayagent.agent.connect.RelayUses;
import io.relayagent.agent.connect.ServerConnector;
import io.relayagent.agent.content.ContentUpdater;
import io.relayagent.agent.control.ControlServer;
import io.relayagent.agent.events.DurableEventQueue;
import io.relayagent.agent.identity.AgentCertificate;
import io.relayagent.agent.identity.IdentityFiles;
import io.relayagent.agent.proxy.EffectiveProxy;
import io.relayagent.agent.proxy.ProxySettings;
import io.relayagent.agent.relay.RelayCapability;
import io.relayagent.agent.wakeup.WakeupGate;
import io.relayagent.agent.wakeup.WakeupPoller;
import io.relayagent.config.Policy;
import io.relayagent.config.PolicySource;
import io.relayagent.mesh.client.ManagementSite;
import io.relayagent.mesh.client.Route;
import io.relayagent.mesh.client.ServerChannels;
import io.relayagent.mesh.discovery.DiscoveryRound;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.mesh.discovery.RelayDiscovery;
import io.relayagent.mesh.discovery.TrustOfferAuthenticator;
import io.relayagent.protocol.agent.RelayStatistics;
import io.relayagent.protocol.control.ControlWakeup;
import io.relayagent.sitelist.SiteListSource;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.LiveTrust;
import io.relayagent.trust.Role;
import io.relayagent.trust.SignatureVerifier;
import io.relayagent.trust.TlsContexts;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent daemon: runs an ASCI at start, every ASCI interval, when the machine's addresses change
 * and when asked; keeps the policy live (relay capability, discovery, the interval); serves {@code
 * relay-agent status}, {@code relays} and {@code discover}.
 *
 * <pre>{@code
 * try (Agent agent = Agent.start(new Agent.Options(policy, siteList, stateDir), progress)) {
 *   agent.awaitStop();
 * }
 * }</pre>
 */
public final class Agent implements AgentContext, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  private static final Duration NETWORK_POLL = Duration.ofSeconds(5);

  /** Wake-ups the agent remembers having acted on, at most (each for its few minutes). */
  private static final int MAX_WAKEUP_NONCES = 4096;

  /**
   * Where the agent's files are, the version it reports and the clock it reads (injected so that
   * tests can drive expiry and intervals without waiting).
   */
  public record Options(
      Path policyFile, Path siteListFile, Path stateDirectory, String version, Clock clock) {

    public Options {
      Objects.requireNonNull(policyFile, "policyFile");
      Objects.requireNonNull(siteListFile, "siteListFile");
      Objects.requireNonNull(stateDirectory, "stateDirectory");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(clock, "clock");
    }

    /** The files, this build's version and the system clock. */
    public Options(Path policyFile, Path siteListFile, Path stateDirectory) {
      this(policyFile, siteListFile, stateDirectory, AgentVersion.current(), Clock.systemUTC());
    }

    /** The same files with another clock. */
    public Options withClock(Clock newClock) {
      return new Options(policyFile, siteListFile, stateDirectory, version, newClock);
    }
  }

  private final Options options;
  private final Clock clock;
  private final Consumer<String> progress;
  private final PolicySource policySource;
  private final ProxySettings proxies;
  private final SiteListSource siteList;
  private final AgentCertificate certificate;
  private final String agentId;
  private final EventLoopGroup group;
  private final EventLoopGroup discoveryGroup;
  private final RelayDiscovery discovery;
  private final RelayFailures relayFailures;
  private final RelayUses relayUses = new RelayUses();
  private final ServerConnector connector;
  private final ContentUpdater content;
  private final EventPipeline events;
  private final RelayCapability relay;
  private final ScheduledExecutorService scheduler;
  private final NetworkChangeWatcher network = new NetworkChangeWatcher();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile ScheduledFuture<?> nextAsci;
  private final AsciSchedule asciSchedule = new AsciSchedule();
  private volatile Duration asciInterval;
  private volatile AgentStatus status;
  private ControlServer control;
  private CompletableFuture<AgentStatus> firstAsci;
  private WakeupPoller wakeups;
  private boolean closed;

  private Agent(Options options, Consumer<String> progress) throws IOException, XmlFileException {
    this.options = options;
    this.clock = options.clock();
    this.progress = progress;
    Files.createDirectories(options.stateDirectory());
    this.policySource = new PolicySource(options.policyFile());
    this.policySource.start();
    Policy policy = policySource.current();
    this.proxies =
        ProxySettings.open(options.stateDirectory(), () -> policySource.current().proxy());
    // Followed live: an edit on disk applies at once (a relay forwards to a site just added),
    // not only when the next ASCI brings the server's copy.
    this.siteList = new SiteListSource(options.siteListFile());
    try {
      siteList.start();
    } catch (XmlFileException e) {
      policySource.close();
      throw e;
    }
    this.certificate =
        AgentCertificate.open(
            IdentityFiles.of(
                policy.trust(),
                options.policyFile().toAbsolutePath().getParent(),
                options.stateDirectory()),
            clock);
    LiveTrust material = certificate.trust();
    this.agentId = certificate.name();
    this.group =
        new MultiThreadIoEventLoopGroup(
            2, new DefaultThreadFactory("agent-io", true), NioIoHandler.newFactory());
    ServerChannels channels =
        new ServerChannels(
            group,
            TlsContexts.forClient(material, Role.RELAY),
            TlsContexts.forClient(material, Role.SERVER),
            Duration.ofSeconds(5));
    // Discovery reads on a loop of its own: an offer is stamped the moment it is read, and a TLS
    // handshake (the tunnel through the first responder, started the moment its offer arrives)
    // or the relay's traffic on a shared loop would read, and so stamp and rank, the offers
    // behind it late.
    this.discoveryGroup =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("agent-discovery", true), NioIoHandler.newFactory());
    this.discovery =
        new RelayDiscovery(
            discoveryGroup,
            agentId,
            new TrustOfferAuthenticator(new SignatureVerifier(new ChainVerifier(material, clock))),
            clock);
    this.relayFailures = new RelayFailures(clock);
    this.connector =
        new ServerConnector(
            channels, discovery, relayFailures, Duration.ofSeconds(10), Duration.ofSeconds(60));
    this.content =
        new ContentUpdater(
            options.stateDirectory().resolve("content"),
            CatalogChecks.of(material),
            channels,
            discovery::relays,
            relayFailures);
    this.events =
        EventPipeline.open(
            options.stateDirectory().resolve("events"), policy.eventQueue(), agentId, clock);
    this.relay =
        new RelayCapability(
            material,
            siteList::current,
            options.stateDirectory().resolve("relay-cache"),
            group,
            Duration.ofSeconds(10),
            clock);
    this.scheduler = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("asci", true));
    // A new certificate (enrollment, renewal) may let relay capability start; a new CRL must reach
    // the relay's open tunnels.
    material.addListener(changed -> relay.trustChanged(policySource.current()));
    this.status =
        new AgentStatus(
            agentId,
            "none",
            "-",
            "-",
            null,
            "not yet run",
            0,
            0,
            policyVersion(),
            0,
            relay.status(),
            certificate.status(),
            proxies.effective());
  }

  /** Starts the agent: the relay part if the policy enables it, and the first ASCI at once. */
  public static Agent start(Options options, Consumer<String> progress)
      throws IOException, XmlFileException {
    Agent agent = new Agent(options, progress);
    agent.applyPolicy(agent.policySource.current());
    agent.policySource.addListener(agent::applyPolicy);
    agent.scheduler.scheduleWithFixedDelay(
        agent::watchNetwork,
        NETWORK_POLL.toMillis(),
        NETWORK_POLL.toMillis(),
        TimeUnit.MILLISECONDS);
    agent.control = ControlServer.start(options.stateDirectory(), new AgentControl(agent)::answer);
    agent.firstAsci = agent.triggerAsci();
    // After the first ASCI: by then a new agent has enrolled and has a certificate to poll with.
    agent.firstAsci.thenRun(agent::startWakeups);
    return agent;
  }

  /**
   * Opens the wake-up connection (docs/wakeup.md): a wake-up the server signed makes an ASCI now.
   */
  private synchronized void startWakeups() {
    if (closed) {
      return;
    }
    WakeupGate gate = new WakeupGate(agentId, certificate.trust(), clock, MAX_WAKEUP_NONCES);
    Consumer<String> quiet = line -> log.debug("wake-up connection: {}", line);
    wakeups =
        WakeupPoller.start(
            () ->
                connector.connectByKnownRoutes(
                    ManagementSite.of(siteLists()), proxy().proxy(), quiet),
            gate,
            this::triggerAsci,
            clock);
  }

  /**
   * The wake-up connection as {@code relay-agent status} shows it; {@code null} until it is started
   * (after the first ASCI).
   */
  public synchronized ControlWakeup wakeupStatus() {
    return wakeups == null ? null : wakeups.status();
  }

  /** The wake-up connection follows a new policy's route (a proxy it forbids, a relay it adds). */
  private synchronized void reconnectWakeups() {
    if (wakeups != null) {
      wakeups.reconnect();
    }
  }

  /** Runs an ASCI now (and the regular ones after it); returns when it is done. */
  public CompletableFuture<AgentStatus> triggerAsci() {
    CompletableFuture<AgentStatus> done = new CompletableFuture<>();
    scheduler.execute(() -> done.complete(runAsci()));
    return done;
  }

  /** Completes with the status after the ASCI the agent runs at start. */
  public CompletableFuture<AgentStatus> firstAsci() {
    return firstAsci;
  }

  /** Runs one discovery round now and returns the relays that answered, in order. */
  public CompletableFuture<List<KnownRelay>> discoverNow() {
    return discoverRound().thenApply(DiscoveryRound::relays);
  }

  /** Runs one discovery round now: who answered, in order, and where the request went. */
  public CompletableFuture<DiscoveryRound> discoverRound() {
    return discovery.discover(relay -> {});
  }

  /** Static relays, then discovered ones, in the order the agent would try them. */
  public List<KnownRelay> relays() {
    return discovery.relays();
  }

  /** The last failure of each relay the agent tried: why it is not the one in use. */
  @Override
  public RelayFailures relayFailures() {
    return relayFailures;
  }

  /** This host's relay capability, which a local administrator may stop and start. */
  @Override
  public RelayCapability relayCapability() {
    return relay;
  }

  /** When each relay last carried this agent's traffic. */
  public RelayUses relayUses() {
    return relayUses;
  }

  public AgentStatus status() {
    AgentStatus s = status;
    return new AgentStatus(
        s.agentId(),
        s.mode(),
        s.route(),
        s.server(),
        s.lastAsci(),
        s.lastOutcome(),
        events.queue().depth(),
        events.queue().dropped(),
        policyVersion(),
        content.installedVersion(),
        relay.status(),
        certificate.status(),
        proxies.effective());
  }

  /** The agent's proxy: the policy's, or the local administrator's setting where allowed. */
  public ProxySettings proxySettings() {
    return proxies;
  }

  /** The queue events are recorded in before they are sent. */
  public DurableEventQueue eventQueue() {
    return events.queue();
  }

  /** Completes when {@link #close()} has run. */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  private AgentStatus runAsci() {
    Instant started = clock.instant();
    String mode = "none";
    String route = "-";
    String server = "-";
    String outcome;
    try {
      ServerConnector.Connection connection = new AsciCycle(this).run(progress);
      route = connection.route().describe();
      server = connection.site().endpoint().toString();
      mode =
          connection.route() instanceof Route.ViaRelay
              ? "relay"
              : connection.route() instanceof Route.ViaHttpProxy ? "proxy" : "direct";
      outcome = "ok";
      // One line per ASCI (hourly by default): the operator sees each one end, and
      // bench/idle.sh times the agent's start to its first ASCI by it.
      progress.accept(
          "ASCI ok ("
              + route
              + ") in "
              + Duration.between(started, clock.instant()).toMillis()
              + " ms");
      if (connection.route() instanceof Route.ViaRelay viaRelay) {
        relayUses.record(viaRelay.relayId(), clock.instant());
      } else {
        // Discovery runs at every ASCI, so the relay cache is fresh when the direct path fails.
        discovery.discover(relay -> {});
      }
    } catch (IOException e) {
      outcome = "failed: " + e.getMessage();
      progress.accept("ASCI failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "interrupted";
    } catch (RuntimeException e) {
      outcome = "failed: " + e;
      log.error("ASCI failed", e);
    }
    status =
        new AgentStatus(
            agentId,
            mode,
            route,
            server,
            started,
            outcome,
            events.queue().depth(),
            events.queue().dropped(),
            policyVersion(),
            content.installedVersion(),
            relay.status(),
            certificate.status(),
            proxies.effective());
    scheduleNext(asciSchedule.after("ok".equals(outcome), asciInterval));
    return status;
  }

  private synchronized void scheduleNext(Duration pause) {
    if (nextAsci != null) {
      nextAsci.cancel(false);
    }
    if (!scheduler.isShutdown()) {
      nextAsci = scheduler.schedule(this::runAsci, pause.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void applyPolicy(Policy policy) {
    certificate.rolloverGrace(policy.asciInterval());
    certificate.applyFiles(
        IdentityFiles.of(
            policy.trust(),
            options.policyFile().toAbsolutePath().getParent(),
            options.stateDirectory()));
    boolean intervalChanged = asciInterval != null && !asciInterval.equals(policy.asciInterval());
    asciInterval = policy.asciInterval();
    discovery.applyPolicy(policy.relayClient(), policy.asciInterval());
    relay.apply(policy);
    if (intervalChanged) {
      scheduleNext(asciSchedule.pause(asciInterval));
    }
    reconnectWakeups();
    EffectiveProxy proxy = EffectiveProxy.of(policy.proxy(), proxies.effective().local());
    log.info(
        "policy applied: ASCI every {} min, relay capability {}, proxy from the {} (local"
            + " setting: {})",
        asciInterval.toMinutes(),
        policy.relayServer().enabled() ? "on" : "off",
        proxy.source() == EffectiveProxy.Source.LOCAL ? "local setting" : "policy",
        proxy.localState());
  }

  private void watchNetwork() {
    certificate.reloadIfChanged();
    if (network.changed()) {
      progress.accept("the machine's addresses changed; re-evaluating connectivity now");
      scheduler.execute(this::runAsci);
    }
  }

  // AgentContext

  @Override
  public String agentId() {
    return agentId;
  }

  @Override
  public String agentVersion() {
    return options.version();
  }

  @Override
  public Policy policy() {
    return policySource.current();
  }

  @Override
  public EffectiveProxy proxy() {
    return proxies.effective();
  }

  @Override
  public String policyVersion() {
    try {
      byte[] bytes =
          Files.exists(options.policyFile())
              ? Files.readAllBytes(options.policyFile())
              : new byte[0];
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      return "unknown";
    }
  }

  @Override
  public SiteLists siteLists() {
    return siteList.current();
  }

  @Override
  public Path policyFile() {
    return options.policyFile();
  }

  @Override
  public Path siteListFile() {
    return options.siteListFile();
  }

  @Override
  public void reloadPolicy() {
    policySource.reload();
  }

  @Override
  public void reloadSiteList() throws IOException {
    if (!siteList.reload()) {
      throw new IOException(
          "the SiteList written from the server's copy cannot be read back: "
              + siteList.lastProblems());
    }
  }

  @Override
  public AgentCertificate certificate() {
    return certificate;
  }

  @Override
  public ServerConnector connector() {
    return connector;
  }

  @Override
  public EventSender events() {
    return events;
  }

  @Override
  public ContentUpdater content() {
    return content;
  }

  @Override
  public Optional<RelayStatistics> relayStatistics() {
    return Optional.ofNullable(relay.status().statistics());
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** Stops gracefully: no new ASCI, the relay drained, the queue flushed to disk. */
  @Override
  public void close() {
    WakeupPoller poller;
    synchronized (this) {
      closed = true;
      poller = wakeups;
    }
    if (poller != null) {
      poller.close(); // outside the lock: an ASCI that ends meanwhile schedules the next under it
    }
    if (control != null) {
      control.close();
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    relay.close();
    discovery.close();
    policySource.close();
    siteList.close();
    try {
      events.close(); // everything queued is on disk already; this releases the files
    } catch (IOException e) {
      log.warn("closing the event queue: {}", e.toString());
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    discoveryGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    stopped.complete(null);
  }
}
