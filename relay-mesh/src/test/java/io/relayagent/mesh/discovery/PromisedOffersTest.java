package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The decaying count of offers not yet followed by a connection. */
class PromisedOffersTest {

  private static final long MS = 1_000_000;
  private final PromisedOffers promised = new PromisedOffers(Duration.ofMillis(500));

  @Test
  void count_growsWithEachOfferAndDecaysWithTime() {
    for (int i = 0; i < 100; i++) {
      promised.promise(0, "agent-" + i);
    }

    assertThat(promised.count(0, 0)).isEqualTo(100);
    assertThat(promised.count(500 * MS, 0)).isCloseTo(100 / Math.E, within(0.01));
    assertThat(promised.count(5_000 * MS, 0)).isLessThan(0.01);
  }

  @Test
  void count_eachConnectionAcceptedKeepsOnePromise() {
    for (int i = 0; i < 10; i++) {
      promised.promise(0, "agent-" + i);
    }
    assertThat(promised.count(0, 3)).isEqualTo(7);
    assertThat(promised.count(0, 3)).as("the same connections count once").isEqualTo(7);
    assertThat(promised.count(0, 50)).as("never below zero").isZero();
    promised.promise(0, "agent-10");
    assertThat(promised.count(0, 50)).isEqualTo(1);
  }

  @Test
  void promise_sameAgentAskingAgain_countsOnceUntilItsTimeIsPast() {
    for (int i = 0; i < 100; i++) {
      promised.promise(i * 10 * MS, "agent-in-a-loop");
    }
    assertThat(promised.count(990 * MS, 0)).as("one agent is not a storm").isLessThan(1);

    promised.promise(990 * MS + PromisedOffers.SAME_AGENT.toNanos(), "agent-in-a-loop");
    assertThat(promised.count(990 * MS + PromisedOffers.SAME_AGENT.toNanos(), 0))
        .isGreaterThanOrEqualTo(1);
  }
}
