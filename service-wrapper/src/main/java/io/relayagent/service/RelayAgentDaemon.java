package io.relayagent.service;

import io.relayagent.agent.Agent;
import io.relayagent.agent.AgentLogging;
import io.relayagent.trust.TlsContexts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.apache.commons.daemon.DaemonInitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The agent as a commons-daemon service: jsvc on Linux calls {@link #init}, {@link #start}, {@link
 * #stop} and {@link #destroy}; procrun on Windows (jvm mode) calls the static {@link
 * #start(String[])}, which blocks until {@link #stop(String[])}.
 *
 * <p>The arguments are those of {@code relay-agent run}: {@code --policy FILE --sitelist FILE
 * [--state-dir DIR]} (a leading {@code run} is accepted).
 */
public final class RelayAgentDaemon implements Daemon {

  /** How long {@link #stop()} waits for the agent's graceful stop (it needs about 12 s at most). */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private static final Logger log = LoggerFactory.getLogger(RelayAgentDaemon.class);
  private static final AtomicReference<CountDownLatch> stopRequest = new AtomicReference<>();
  private static final AtomicReference<CountDownLatch> stopDone = new AtomicReference<>();

  private Agent.Options options;
  private volatile Agent agent;

  /** The options of {@code relay-agent run}, parsed the same way. */
  @Command(name = "relay-agent-daemon")
  static final class Arguments {
    @Mixin StateDirectoryOption state = new StateDirectoryOption();

    @Option(names = "--policy", required = true)
    Path policy;

    @Option(names = "--sitelist", required = true)
    Path siteList;
  }

  /** Parses {@code run}'s options; throws {@link DaemonInitException} with picocli's message. */
  static Agent.Options parse(String[] arguments) throws DaemonInitException {
    String[] args = arguments == null ? new String[0] : arguments;
    if (args.length > 0 && args[0].equals("run")) {
      args = Arrays.copyOfRange(args, 1, args.length);
    }
    Arguments parsed = new Arguments();
    try {
      new CommandLine(parsed).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new DaemonInitException("relay-agent: " + e.getMessage());
    }
    return new Agent.Options(parsed.policy, parsed.siteList, parsed.state.path());
  }

  @Override
  public void init(DaemonContext context) throws DaemonInitException {
    init(context.getArguments());
  }

  void init(String[] arguments) throws DaemonInitException {
    this.options = parse(arguments);
  }

  /** Starts the agent and returns at once (jsvc requires it); the agent runs on its threads. */
  @Override
  public void start() throws Exception {
    if (options == null) {
      throw new IllegalStateException("init was not called");
    }
    TlsContexts.findProviderInBackground();
    AgentLogging.configure(options.stateDirectory(), true);
    agent = Agent.start(options, line -> log.info(line));
    log.info("relay-agent service started (state directory {})", options.stateDirectory());
  }

  /**
   * Stops the agent gracefully (no new ASCI, relay drained, event queue closed), waiting at most
   * {@link #STOP_TIMEOUT}; the queue is on disk before each event is acknowledged, so a stop that
   * times out loses no event either.
   */
  @Override
  public void stop() throws Exception {
    Agent running = agent;
    agent = null;
    if (running == null) {
      return;
    }
    Thread closer = new Thread(running::close, "agent-stop");
    closer.setDaemon(true);
    closer.start();
    try {
      running.stopped().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      log.info("relay-agent service stopped");
    } catch (TimeoutException e) {
      log.warn("the agent did not stop within {}; leaving it to the service manager", STOP_TIMEOUT);
    } catch (ExecutionException e) {
      log.warn("stopping the agent: {}", e.getCause().toString());
    }
  }

  @Override
  public void destroy() {
    options = null;
  }

  /** The running agent, or {@code null}: for tests. */
  Agent agent() {
    return agent;
  }

  /**
   * procrun's {@code --StartMethod=start} in jvm mode: starts the agent and blocks until {@link
   * #stop(String[])} is called (procrun ends the service when this method returns).
   */
  public static void start(String[] args) throws Exception {
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    stopRequest.set(requested);
    stopDone.set(done);
    RelayAgentDaemon daemon = new RelayAgentDaemon();
    try {
      daemon.init(args);
      daemon.start();
      requested.await();
      daemon.stop();
    } finally {
      daemon.destroy();
      done.countDown();
    }
  }

  /** procrun's {@code --StopMethod=stop}: asks {@link #start(String[])} to stop and waits. */
  public static void stop(String[] args) throws InterruptedException {
    CountDownLatch requested = stopRequest.get();
    CountDownLatch done = stopDone.get();
    if (requested == null || done == null) {
      return;
    }
    requested.countDown();
    done.await(STOP_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
  }
}
