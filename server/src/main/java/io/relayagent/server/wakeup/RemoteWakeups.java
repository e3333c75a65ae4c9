package io.relayagent.server.wakeup;

import io.relayagent.protocol.wakeup.WakeupOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake-ups between the server instances on one database ({@link WakeupQueue}): {@link #ask} hands
 * signed wake-ups to the instances holding their agents' polls and waits for each agent's outcome;
 * a thread of its own takes the asks made of this instance, delivers them on its polls ({@link
 * WaitingAgents}) and answers.
 *
 * <p>An ask is seen at once on PostgreSQL (a notification in the ask's transaction), and otherwise
 * within {@link #LOOK_EVERY}. An ask nobody took within {@link #ANSWER_WAIT} is withdrawn and its
 * agents reported unreachable: its holder is gone or stuck, and the wake-up reaches nobody.
 */
public final class RemoteWakeups implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RemoteWakeups.class);

  static final Duration LOOK_EVERY = Duration.ofSeconds(1);
  static final Duration ANSWER_WAIT = Duration.ofSeconds(2);

  /** How often an asker reads the answers while it waits. */
  private static final Duration READ_ANSWERS_EVERY = Duration.ofMillis(10);

  /** How long asks stay in the database after they were made. */
  private static final Duration KEEP_ASKS = Duration.ofMinutes(10);

  private final String instance;
  private final WakeupQueue queue;
  private final WaitingAgents waiting;
  private final Clock clock;
  private final RepeatingTask answerer;
  private long lastCleaning = System.nanoTime();

  /** A signed wake-up for those of its agents whose poll {@code holder} holds. */
  public record Ask(String holder, List<String> agents, byte[] wakeup) {}

  private RemoteWakeups(String instance, WakeupQueue queue, WaitingAgents waiting, Clock clock) {
    this.instance = instance;
    this.queue = queue;
    this.waiting = waiting;
    this.clock = clock;
    this.answerer =
        new RepeatingTask(
            "wakeup-answers", "answer other instances' wake-ups", LOOK_EVERY, this::answer);
  }

  /** Starts answering the asks made of {@code instance}, delivering them on {@code waiting}. */
  public static RemoteWakeups start(
      String instance, WakeupQueue queue, WaitingAgents waiting, Clock clock) {
    RemoteWakeups remote = new RemoteWakeups(instance, queue, waiting, clock);
    remote.answerer.start();
    return remote;
  }

  /**
   * Hands each ask to its holder and waits for the answers, up to {@link #ANSWER_WAIT} for an ask
   * to be taken.
   *
   * @return each ask's outcomes, in the order of {@code asks} and of its agents
   * @throws IOException if the asks cannot be written or their answers read
   */
  public List<List<WakeupOutcome>> ask(List<Ask> asks) throws IOException, InterruptedException {
    Map<Long, Integer> pending = new LinkedHashMap<>();
    for (int i = 0; i < asks.size(); i++) {
      Ask ask = asks.get(i);
      pending.put(queue.ask(ask.holder(), ask.agents(), ask.wakeup(), clock.instant()), i);
    }
    List<List<WakeupOutcome>> outcomes = new ArrayList<>(Collections.nCopies(asks.size(), null));
    long start = System.nanoTime();
    boolean withdrawn = false;
    while (!pending.isEmpty()) {
      for (Map.Entry<Long, List<WakeupOutcome>> answer :
          queue.answers(pending.keySet()).entrySet()) {
        outcomes.set(pending.remove(answer.getKey()), answer.getValue());
      }
      long waited = System.nanoTime() - start;
      if (!pending.isEmpty() && !withdrawn && waited >= ANSWER_WAIT.toNanos()) {
        withdrawn = true;
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
          Map.Entry<Long, Integer> left = it.next();
          if (queue.withdraw(left.getKey())) {
            outcomes.set(left.getValue(), unreachable(asks.get(left.getValue())));
            it.remove();
          }
        }
      } else if (!pending.isEmpty() && waited >= ANSWER_WAIT.multipliedBy(2).toNanos()) {
        // Taken but never answered: its holder stopped while delivering.
        pending.values().forEach(i -> outcomes.set(i, unreachable(asks.get(i))));
        log.warn("{} wake-up(s) taken by another instance were not answered", pending.size());
        break;
      }
      if (!pending.isEmpty()) {
        TimeUnit.MILLISECONDS.sleep(READ_ANSWERS_EVERY.toMillis());
      }
    }
    return outcomes;
  }

  private static List<WakeupOutcome> unreachable(Ask ask) {
    return Collections.nCopies(ask.agents().size(), WakeupOutcome.UNREACHABLE);
  }

  /** Waits for asks of this instance (a signal, or {@link #LOOK_EVERY}), and answers them. */
  private void answer() throws IOException, InterruptedException {
    queue.awaitAsk(LOOK_EVERY);
    for (WakeupQueue.Asked asked : queue.take(instance)) {
      queue.answer(asked.id(), waiting.wake(asked.agents(), asked.wakeup()));
    }
    if (System.nanoTime() - lastCleaning > KEEP_ASKS.toNanos()) {
      queue.forgetBefore(clock.instant().minus(KEEP_ASKS));
      lastCleaning = System.nanoTime();
    }
  }

  /** Stops answering; asks made of this instance from now on are withdrawn by their askers. */
  @Override
  public void close() {
    answerer.close();
  }
}
