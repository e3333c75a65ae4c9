package io.relayagent.server.wakeup;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server instance's part in knowing, across the instances on one database, which instance
 * holds each agent's wake-up poll ({@link HolderStore}): it notes each poll that comes here, and
 * says every {@link #HEARTBEAT} that it is alive, so that a wake-up asked through another instance
 * comes here, and an instance that died without a word stops counting after {@link #ALIVE}.
 *
 * <p>A poll is noted by a writer thread of its own, all polls that came meanwhile in one
 * transaction: the agent's request does not wait for the database, a burst of reconnecting agents
 * costs a few writes, and an agent that moved here is known here within milliseconds.
 */
public final class PollHolders implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PollHolders.class);

  static final Duration HEARTBEAT = Duration.ofSeconds(10);

  /** Three heartbeats: an instance silent that long holds nothing any more. */
  static final Duration ALIVE = HEARTBEAT.multipliedBy(3);

  /** When a silent instance's rows are removed. */
  static final Duration FORGET = Duration.ofMinutes(10);

  /** Polls waiting to be noted: more than a server holds; beyond it a poll is noted late. */
  private static final int MAX_PENDING = 20_000;

  private static final int MAX_BATCH = 1000;

  private final String instance = UUID.randomUUID().toString();
  private final HolderStore store;
  private final Clock clock;
  private final BlockingQueue<String> pending = new LinkedBlockingQueue<>(MAX_PENDING);
  private final List<String> drained = new ArrayList<>();
  private final RepeatingTask writer;
  private final AtomicBoolean droppingLogged = new AtomicBoolean();
  private volatile boolean heartbeatFailing;
  private ScheduledFuture<?> heartbeats;

  private PollHolders(HolderStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.writer =
        new RepeatingTask(
            "wakeup-holders",
            "note wake-up polls in the database",
            Duration.ofSeconds(1),
            this::note);
  }

  /**
   * Joins the instances on the store (a random id per start: a restarted instance counts as new),
   * and says it is alive on {@code timer} from now on.
   *
   * @throws IOException if the store cannot be written
   */
  public static PollHolders start(HolderStore store, Clock clock, ScheduledExecutorService timer)
      throws IOException {
    PollHolders holders = new PollHolders(store, clock);
    store.heartbeat(holders.instance, clock.instant());
    holders.writer.start();
    holders.heartbeats =
        timer.scheduleWithFixedDelay(
            holders::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    return holders;
  }

  /** This instance's id among the instances on the database. */
  public String instance() {
    return instance;
  }

  /** Notes that {@code agentId}'s poll came here. */
  public void polled(String agentId) {
    if (!pending.offer(agentId) && droppingLogged.compareAndSet(false, true)) {
      log.warn(
          "{} wake-up polls wait to be noted in the database; more are not noted, and other"
              + " instances report their agents unreachable until the database is back",
          MAX_PENDING);
    }
  }

  /** Those of {@code agentIds} whose poll another live instance holds, with that instance's id. */
  public Map<String, String> elsewhere(Collection<String> agentIds) throws IOException {
    Map<String, String> holders = store.holders(agentIds, clock.instant().minus(ALIVE));
    holders.values().removeIf(instance::equals);
    return holders;
  }

  /** Waits for polls to note, and notes them and those that came meanwhile in one write. */
  private void note() throws IOException, InterruptedException {
    if (drained.isEmpty()) {
      drained.add(pending.take());
      pending.drainTo(drained, MAX_BATCH - 1);
    }
    // Sorted: two instances writing the same agents lock their rows in one order. Kept until
    // written, so a failed write is tried again after the pause.
    store.holds(instance, new TreeSet<>(drained), clock.instant());
    drained.clear();
    droppingLogged.set(false);
  }

  /** Runs on the timer: an exception would end its schedule, so none leaves. */
  private void heartbeat() {
    try {
      store.heartbeat(instance, clock.instant());
      store.forgetSilent(clock.instant().minus(FORGET));
      if (heartbeatFailing) {
        log.info("the wake-up heartbeat reaches the database again");
        heartbeatFailing = false;
      }
    } catch (IOException | RuntimeException e) {
      if (!heartbeatFailing) {
        log.warn("cannot write the wake-up heartbeat: {}", e.getMessage());
        heartbeatFailing = true;
      }
    }
  }

  /** Stops noting and leaves: another instance's wake-ups no longer come here. */
  @Override
  public void close() {
    heartbeats.cancel(false);
    writer.close();
    try {
      store.leave(instance);
    } catch (IOException | RuntimeException e) {
      log.warn("cannot remove this instance's wake-up polls from the database: {}", e.getMessage());
    }
  }
}
