package io.relayagent.server.wakeup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufUtil;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.wakeup.SignedWakeup;
import io.relayagent.protocol.wakeup.WakeupOutcome;
import io.relayagent.server.http.HttpProblem;
import io.relayagent.server.http.Reply;
import io.relayagent.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitingAgentsTest {
  private static final SignedWakeup SIGNED =
      SignedWakeup.of(new byte[] {'{', '}'}, new byte[] {1}, List.of(new byte[] {2}));
  private static final byte[] WAKEUP = ProtocolJson.write(SIGNED);

  private final MutableClock clock = new MutableClock();
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
  private final WaitingAgents waiting =
      new WaitingAgents(2, Duration.ofMinutes(3), Duration.ofSeconds(10), clock, timer);

  @AfterEach
  void tearDown() {
    waiting.close();
    timer.shutdownNow();
  }

  @Test
  void wake_whilePollWaits_answersThePollWithTheWakeup() throws Exception {
    Reply.Deferred poll = (Reply.Deferred) waiting.poll("agent-1");
    assertThat(poll.answer()).isNotDone();

    assertThat(waiting.wake("agent-1", WAKEUP)).isEqualTo(WakeupOutcome.DELIVERED);

    Reply.Full answer = poll.answer().get(1, TimeUnit.SECONDS);
    assertThat(answer.response().status().code()).isEqualTo(200);
    assertThat(
            ProtocolJson.read(
                ByteBufUtil.getBytes(answer.response().content()), 10_000, SignedWakeup.class))
        .isEqualTo(SIGNED);
    assertThat(waiting.polling("agent-1")).isFalse();
  }

  @Test
  void poll_holdEnds_answers204() throws Exception {
    WaitingAgents quick =
        new WaitingAgents(10, Duration.ofMillis(100), Duration.ofSeconds(10), clock, timer);
    Reply.Deferred poll = (Reply.Deferred) quick.poll("agent-1");

    assertThat(poll.answer().get(5, TimeUnit.SECONDS).response().status().code()).isEqualTo(204);
    assertThat(quick.holds("agent-1")).as("its next poll is due").isTrue();
  }

  @Test
  void wake_betweenTwoPolls_isQueuedAndAnswersTheNextPollAtOnce() throws Exception {
    Reply.Deferred first = (Reply.Deferred) waiting.poll("agent-1");
    waiting.wake("agent-1", WAKEUP);
    first.answer().get(1, TimeUnit.SECONDS);

    assertThat(waiting.wake("agent-1", WAKEUP)).isEqualTo(WakeupOutcome.QUEUED);

    Reply next = waiting.poll("agent-1");
    assertThat(next).isInstanceOf(Reply.Full.class);
    assertThat(next.head().status().code()).isEqualTo(200);
    next.discard();
  }

  @Test
  void wake_afterTheGrace_isUnreachable() throws Exception {
    Reply.Deferred first = (Reply.Deferred) waiting.poll("agent-1");
    waiting.wake("agent-1", WAKEUP);
    first.answer().get(1, TimeUnit.SECONDS);
    clock.advance(Duration.ofSeconds(11));

    assertThat(waiting.wake("agent-1", WAKEUP)).isEqualTo(WakeupOutcome.UNREACHABLE);
  }

  @Test
  void wake_afterTheConnectionClosed_isUnreachableAtOnce() throws Exception {
    Reply.Deferred poll = (Reply.Deferred) waiting.poll("agent-1");
    poll.answer().cancel(false); // what the router does when the connection closes

    assertThat(waiting.wake("agent-1", WAKEUP)).isEqualTo(WakeupOutcome.UNREACHABLE);
    assertThat(waiting.holds("agent-1")).isFalse();
  }

  @Test
  void wakeMany_pollingQueuedAndGone_eachGetsItsOutcomeInOrder() throws Exception {
    WaitingAgents many =
        new WaitingAgents(10, Duration.ofMinutes(3), Duration.ofSeconds(10), clock, timer);
    Reply.Deferred polling = (Reply.Deferred) many.poll("polling");
    Reply.Deferred between = (Reply.Deferred) many.poll("between");
    many.wake("between", WAKEUP);
    between.answer().get(1, TimeUnit.SECONDS);
    ((Reply.Deferred) many.poll("gone")).answer().cancel(false);

    List<WakeupOutcome> outcomes =
        many.wake(List.of("gone", "polling", "never", "between"), WAKEUP);

    assertThat(outcomes)
        .containsExactly(
            WakeupOutcome.UNREACHABLE,
            WakeupOutcome.DELIVERED,
            WakeupOutcome.UNREACHABLE,
            WakeupOutcome.QUEUED);
    assertThat(polling.answer().get(1, TimeUnit.SECONDS).response().status().code()).isEqualTo(200);
    many.close();
  }

  @Test
  void wakeMany_answersThePollsOutsideTheLock() throws Exception {
    // The router hands the answer to the connection's event loop from the poll's completion: run
    // under the lock, every agent's next poll (and the timer's ends of holds) would wait behind
    // the whole batch.
    Reply.Deferred poll = (Reply.Deferred) waiting.poll("agent-1");
    CompletableFuture<Boolean> lockHeld = new CompletableFuture<>();
    poll.answer().whenComplete((answer, failure) -> lockHeld.complete(Thread.holdsLock(waiting)));

    assertThat(waiting.wake(List.of("agent-1"), WAKEUP)).containsExactly(WakeupOutcome.DELIVERED);

    assertThat(lockHeld.get(1, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void wake_neverPolled_isUnreachable() {
    assertThat(waiting.wake("agent-9", WAKEUP)).isEqualTo(WakeupOutcome.UNREACHABLE);
  }

  @Test
  void poll_again_answersTheOldPollWith204() throws Exception {
    Reply.Deferred old = (Reply.Deferred) waiting.poll("agent-1");
    Reply.Deferred current = (Reply.Deferred) waiting.poll("agent-1");

    assertThat(old.answer().get(1, TimeUnit.SECONDS).response().status().code()).isEqualTo(204);
    assertThat(current.answer()).isNotDone();
    assertThat(waiting.polling("agent-1")).isTrue();
  }

  @Test
  void poll_moreAgentsThanItHolds_is503() throws Exception {
    waiting.poll("agent-1");
    waiting.poll("agent-2");

    assertThatThrownBy(() -> waiting.poll("agent-3"))
        .isInstanceOf(HttpProblem.class)
        .hasMessageContaining("holds 2 waiting agents");
  }

  @Test
  void forgetIdle_makesRoomForNewAgents() throws Exception {
    waiting.poll("agent-1");
    ((Reply.Deferred) waiting.poll("agent-2")).answer().cancel(false);

    assertThat(waiting.poll("agent-3")).isInstanceOf(Reply.Deferred.class);
  }

  @Test
  void close_answersEveryWaitingPollAndTakesNoMore() throws Exception {
    Reply.Deferred poll = (Reply.Deferred) waiting.poll("agent-1");

    waiting.close();

    assertThat(poll.answer().get(1, TimeUnit.SECONDS).response().status().code()).isEqualTo(204);
    assertThatThrownBy(() -> waiting.poll("agent-1")).isInstanceOf(HttpProblem.class);
  }
}
