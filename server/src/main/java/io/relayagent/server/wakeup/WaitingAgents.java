package io.relayagent.server.wakeup;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.protocol.wakeup.WakeupOutcome;
import io.relayagent.server.http.HttpProblem;
import io.relayagent.server.http.Replies;
import io.relayagent.server.http.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The agents whose wake-up poll the server holds: at most one waiting poll per agent (a new one
 * answers the old with {@code 204}), at most {@code capacity} agents, each poll answered with
 * {@code 204} when its hold ends. A wake-up for an agent whose poll waits is its answer; for one
 * that is between two polls (its last ended less than the grace ago) it is queued for the next.
 *
 * <pre>{@code
 * Reply reply = waiting.poll("laptop-042");             // the agent's GET /agent/v1/wakeup
 * WakeupOutcome outcome = waiting.wake("laptop-042", signedJson); // the administrator's wake-up
 * }</pre>
 *
 * <p>One lock for all: an agent polls once per hold (minutes), so 10,000 agents make tens of calls
 * a second.
 */
public final class WaitingAgents implements AutoCloseable {

  private final int capacity;
  private final Duration hold;
  private final Duration grace;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Map<String, Slot> slots = new HashMap<>();
  private boolean closed;

  /** What the server knows of one agent's wake-up connection. */
  private static final class Slot {
    CompletableFuture<Reply.Full> poll;
    ScheduledFuture<?> holdEnd;

    /**
     * When its last poll was answered; {@code null} while one waits or after its connection closed.
     */
    Instant idleSince;

    /** A wake-up's JSON, for the agent's next poll. */
    byte[] queued;
  }

  /**
   * @param capacity the most agents held at once; more are told to come back later
   * @param hold how long a poll waits for a wake-up before {@code 204}
   * @param grace how long after a poll ends the agent counts as reachable (its next poll is due)
   * @param timer runs the ends of holds and the cleaning of idle slots
   */
  public WaitingAgents(
      int capacity, Duration hold, Duration grace, Clock clock, ScheduledExecutorService timer) {
    if (capacity < 1 || hold.isNegative() || hold.isZero() || grace.isNegative()) {
      throw new IllegalArgumentException("capacity and hold must be positive");
    }
    this.capacity = capacity;
    this.hold = hold;
    this.grace = grace;
    this.clock = clock;
    this.timer = timer;
  }

  /** How long a poll waits for a wake-up. */
  public Duration hold() {
    return hold;
  }

  /**
   * The answer to an agent's poll: its queued wake-up at once, or one that comes when the server
   * has a wake-up for it or the hold ends.
   *
   * @throws HttpProblem {@code 503} when the server holds as many agents as it may, or is stopping
   */
  public synchronized Reply poll(String agentId) throws HttpProblem {
    if (closed) {
      throw unavailable("the server is stopping");
    }
    Slot slot = slots.get(agentId);
    if (slot == null) {
      if (slots.size() >= capacity) {
        forgetIdle();
      }
      if (slots.size() >= capacity) {
        throw unavailable("the server holds " + capacity + " waiting agents, its most");
      }
      slot = new Slot();
      slots.put(agentId, slot);
    }
    if (slot.queued != null) {
      byte[] queued = slot.queued;
      slot.queued = null;
      slot.idleSince = clock.instant();
      return Replies.bytes(HttpResponseStatus.OK, Replies.JSON, queued);
    }
    if (slot.poll != null) {
      end(slot); // the agent polls again: its old connection is gone or forgotten
    }
    CompletableFuture<Reply.Full> poll = new CompletableFuture<>();
    slot.poll = poll;
    slot.holdEnd =
        timer.schedule(
            () -> poll.complete(Replies.empty(HttpResponseStatus.NO_CONTENT)),
            hold.toMillis(),
            TimeUnit.MILLISECONDS);
    Slot owner = slot;
    poll.whenComplete((answer, failure) -> ended(owner, poll, failure == null));
    return new Reply.Deferred(poll);
  }

  /**
   * Sends {@code wakeup}, the JSON of a {@code SignedWakeup} (written once for all the agents it
   * names), to the agent: on its waiting poll, or queued for its next one.
   *
   * @return {@link WakeupOutcome#DELIVERED}, {@link WakeupOutcome#QUEUED} or {@link
   *     WakeupOutcome#UNREACHABLE}
   */
  public synchronized WakeupOutcome wake(String agentId, byte[] wakeup) {
    Slot slot = slots.get(agentId);
    if (slot == null) {
      return WakeupOutcome.UNREACHABLE;
    }
    CompletableFuture<Reply.Full> poll = slot.poll;
    if (poll != null && poll.complete(Replies.bytes(HttpResponseStatus.OK, Replies.JSON, wakeup))) {
      return WakeupOutcome.DELIVERED;
    }
    if (slot.poll == null && due(slot)) {
      slot.queued = wakeup;
      return WakeupOutcome.QUEUED;
    }
    return WakeupOutcome.UNREACHABLE;
  }

  /**
   * Sends {@code wakeup} to each of {@code agentIds}, as {@link #wake(String, byte[])} does for
   * one, with the lock taken once for all of them and the polls answered outside it: answering a
   * poll hands its connection's write to its event loop, and under the lock that would keep every
   * agent's next poll waiting behind the whole batch.
   *
   * @return each agent's outcome, in the order of {@code agentIds}
   */
  public List<WakeupOutcome> wake(List<String> agentIds, byte[] wakeup) {
    List<CompletableFuture<Reply.Full>> polls = new ArrayList<>(agentIds.size());
    synchronized (this) {
      for (String agentId : agentIds) {
        Slot slot = slots.get(agentId);
        polls.add(slot == null ? null : slot.poll);
      }
    }
    List<WakeupOutcome> outcomes = new ArrayList<>(agentIds.size());
    for (int i = 0; i < agentIds.size(); i++) {
      CompletableFuture<Reply.Full> poll = polls.get(i);
      if (poll != null
          && poll.complete(Replies.bytes(HttpResponseStatus.OK, Replies.JSON, wakeup))) {
        outcomes.add(WakeupOutcome.DELIVERED);
      } else {
        // No poll waited, or it ended meanwhile (its hold, its connection): one at a time.
        outcomes.add(wake(agentIds.get(i), wakeup));
      }
    }
    return outcomes;
  }

  /** Whether the server holds a poll of the agent, or expects its next one within the grace. */
  public synchronized boolean holds(String agentId) {
    Slot slot = slots.get(agentId);
    return slot != null && (slot.poll != null || due(slot));
  }

  /** Whether a poll of the agent waits now. */
  public synchronized boolean polling(String agentId) {
    Slot slot = slots.get(agentId);
    return slot != null && slot.poll != null;
  }

  /** How many agents' polls wait now. */
  public synchronized int waiting() {
    return (int) slots.values().stream().filter(slot -> slot.poll != null).count();
  }

  /** Forgets agents whose last poll ended longer than the grace ago, queued wake-ups with them. */
  public synchronized void forgetIdle() {
    slots.values().removeIf(slot -> slot.poll == null && !due(slot));
  }

  /** Whether the agent's last poll was answered within the grace, so that its next is due. */
  private boolean due(Slot slot) {
    return slot.idleSince != null && !clock.instant().isAfter(slot.idleSince.plus(grace));
  }

  /** Answers every waiting poll with {@code 204} and takes no more. */
  @Override
  public void close() {
    List<CompletableFuture<Reply.Full>> polls = new ArrayList<>();
    synchronized (this) {
      closed = true;
      slots.values().stream().filter(slot -> slot.poll != null).forEach(s -> polls.add(s.poll));
    }
    polls.forEach(poll -> poll.complete(Replies.empty(HttpResponseStatus.NO_CONTENT)));
  }

  private void end(Slot slot) {
    CompletableFuture<Reply.Full> old = slot.poll;
    old.complete(Replies.empty(HttpResponseStatus.NO_CONTENT));
  }

  /**
   * @param answered whether the poll was answered (the agent polls again at once), or its
   *     connection closed (the agent is gone until it connects again)
   */
  private synchronized void ended(Slot slot, CompletableFuture<Reply.Full> poll, boolean answered) {
    if (slot.poll == poll) {
      slot.poll = null;
      slot.idleSince = answered ? clock.instant() : null;
      slot.holdEnd.cancel(false);
    }
  }

  private static HttpProblem unavailable(String why) {
    return new HttpProblem(HttpResponseStatus.SERVICE_UNAVAILABLE, why + "; poll again later")
        .withHeader("Retry-After", "60");
  }
}
