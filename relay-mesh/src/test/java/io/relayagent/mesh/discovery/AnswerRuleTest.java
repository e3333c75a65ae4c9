package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.config.DiscoveryAnswerPolicy;
import io.relayagent.config.Policy;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The load-aware answer rule alone: who stays silent, and how long each answer waits. */
class AnswerRuleTest {

  private static final DiscoveryAnswerPolicy DELAY_200 =
      new DiscoveryAnswerPolicy(Duration.ofMillis(200), 80, true, false);
  private static final long MS = 1_000_000;

  @Test
  void decide_delayGrowsWithOpenAndArrivingConnections() {
    assertThat(delayMillis(status(0, 0), 0, 0.5)).isZero();
    assertThat(delayMillis(status(256, 0), 0, 0.5)).isEqualTo(50);
    assertThat(delayMillis(status(256, 256), 0, 0.5)).isEqualTo(100);
    assertThat(delayMillis(status(1000, 23), 0, 0.5)).isEqualTo(200);
  }

  @Test
  void decide_promisedOffersSpreadAnswersByTheDraw() {
    // One agent asking: no spread, whatever the draw.
    assertThat(delayMillis(status(0, 0), 0, 0.99)).isZero();
    // Half the capacity promised: the draw places the answer within half of the delay.
    assertThat(delayMillis(status(0, 0), 512, 0.0)).isZero();
    assertThat(delayMillis(status(0, 0), 512, 0.5)).isEqualTo(50);
    assertThat(delayMillis(status(0, 0), 512, 0.99)).isEqualTo(99);
    // More promised than the capacity spreads over the whole delay, never beyond it.
    assertThat(delayMillis(status(0, 0), 5000, 0.5)).isEqualTo(100);
    assertThat(delayMillis(status(512, 0), 5000, 0.9)).isEqualTo(200);
  }

  @Test
  void decide_defaultCapacity_relayHoldingTheWakeupPollsOf1000Agents_answersAndHasRoom() {
    // Each agent behind a relay holds its wake-up poll there, one idle tunnel (docs/wakeup.md):
    // a relay of 1,000 agents holds 1,000 tunnels all the time, and 2,000 while a wake-up of all
    // runs their ASCIs. The default capacity must leave it answering discovery, and early.
    int capacity = Policy.defaults().relayServer().maxConnections();
    RelayStatus waiting =
        new RelayStatus(true, 1000, 0, 0, capacity, DiscoveryProtocol.CAPABILITY_TUNNEL, 0);
    RelayStatus woken =
        new RelayStatus(true, 2000, 0, 0, capacity, DiscoveryProtocol.CAPABILITY_TUNNEL, 0);

    assertThat(delayMillis(waiting, 0, 0.5)).as("a quarter of the delay at most").isLessThan(50);
    assertThat(delayMillis(woken, 0, 0.5)).as("not full while all run their ASCIs").isLessThan(200);
  }

  @Test
  void decide_delayOff_answersAtOnceWhateverTheLoad() {
    DiscoveryAnswerPolicy off = new DiscoveryAnswerPolicy(Duration.ZERO, 80, true, false);

    assertThat(AnswerRule.decide(status(1000, 20), off, 900, 0.9).delayNanos()).isZero();
  }

  @Test
  void decide_fullOrCutOffOrBusy_isSilentSayingWhy() {
    assertThat(AnswerRule.decide(new RelayStatus(true, 1024, 1024, 1), DELAY_200, 0, 0.5))
        .extracting(AnswerRule.Answer::silence)
        .asString()
        .startsWith("full: 1024 of 1024");
    assertThat(AnswerRule.decide(new RelayStatus(false, 0, 1024, 1), DELAY_200, 0, 0.5).answers())
        .isFalse();
    assertThat(
            AnswerRule.decide(
                    busy(DiscoveryProtocol.BUSY_CPU | DiscoveryProtocol.BUSY_ON_BATTERY),
                    DELAY_200,
                    0,
                    0.5)
                .silence())
        .isEqualTo("busy: CPU above its threshold, on battery");
  }

  @Test
  void decide_busyAllowedToAnswer_answersAfterEveryRelayThatIsNot() {
    DiscoveryAnswerPolicy answerLast =
        new DiscoveryAnswerPolicy(Duration.ofMillis(200), 80, true, true);

    AnswerRule.Answer answer =
        AnswerRule.decide(busy(DiscoveryProtocol.BUSY_ON_BATTERY), answerLast, 0, 0.5);

    assertThat(answer.answers()).isTrue();
    assertThat(answer.delayNanos()).isEqualTo(200 * MS);
  }

  @Test
  void draw_isTheSameForTheSamePairAndIndependentBetweenRelays() {
    byte[] nonce = new byte[16];
    assertThat(AnswerRule.draw(nonce, "relay-a")).isEqualTo(AnswerRule.draw(nonce, "relay-a"));
    assertThat(AnswerRule.draw(nonce, "relay-a")).isNotEqualTo(AnswerRule.draw(nonce, "relay-b"));

    // Over many requests, relay-a draws lower than relay-b about half the time, and every draw
    // falls in [0, 1) with its deciles about equally filled.
    int aFirst = 0;
    int[] deciles = new int[10];
    for (int i = 0; i < 10_000; i++) {
      byte[] request = ByteBuffer.allocate(16).putInt(i).array();
      double a = AnswerRule.draw(request, "relay-a");
      assertThat(a).isGreaterThanOrEqualTo(0).isLessThan(1);
      deciles[(int) (a * 10)]++;
      if (a < AnswerRule.draw(request, "relay-b")) {
        aFirst++;
      }
    }
    assertThat(aFirst).isBetween(4_700, 5_300);
    assertThat(java.util.Arrays.stream(deciles).boxed())
        .allSatisfy(count -> assertThat(count).isBetween(880, 1_120));
  }

  private static long delayMillis(RelayStatus status, double promised, double draw) {
    AnswerRule.Answer answer = AnswerRule.decide(status, DELAY_200, promised, draw);
    assertThat(answer.answers()).isTrue();
    return Math.round(answer.delayNanos() / (double) MS);
  }

  private static RelayStatus status(int open, int arriving) {
    return new RelayStatus(true, open, arriving, 0, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL, 0);
  }

  private static RelayStatus busy(int bits) {
    return new RelayStatus(true, 0, 0, 0, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL, bits);
  }
}
