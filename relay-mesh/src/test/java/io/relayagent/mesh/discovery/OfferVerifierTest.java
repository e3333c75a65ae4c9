package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The verifier's own thread and its bounded queue. */
class OfferVerifierTest {

  private static final Arrival GARBAGE =
      new Arrival(
          0,
          Duration.ofMillis(1),
          Instant.EPOCH,
          new InetSocketAddress("127.0.0.2", 8082),
          new byte[] {1, 2, 3});

  @Test
  void verify_whenTheQueueIsFull_refusesAndHoldsNothingMore() throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    // Garbage never reaches the authenticator: the first check is held up by a loop that blocks.
    List<OfferVerifier.Verdict> verdicts = new CopyOnWriteArrayList<>();
    OfferCheck check = new OfferCheck(new byte[16], Duration.ofMinutes(1), (offer, signed) -> {});
    try (OfferVerifier verifier = new OfferVerifier((offer, signed) -> {}, 1)) {
      assertThat(verifier.verify(check, GARBAGE, task -> block(stuck), verdicts::add)).isTrue();
      int accepted = 0;
      while (verifier.verify(check, GARBAGE, Runnable::run, verdicts::add)) {
        accepted++;
        assertThat(accepted)
            .as("the queue is bounded")
            .isLessThanOrEqualTo(2 * OfferVerifier.MAX_QUEUED);
      }

      assertThat(accepted)
          .as("one check running, the queue full")
          .isBetween(OfferVerifier.MAX_QUEUED, OfferVerifier.MAX_QUEUED + 1);
      stuck.countDown();
      int queued = accepted;
      await().atMost(Duration.ofSeconds(10)).until(() -> verdicts.size() == queued);
      assertThat(verdicts)
          .allSatisfy(
              verdict ->
                  assertThat(verdict.refusal()).isInstanceOf(MalformedPacketException.class));
    }
  }

  @Test
  void warmUp_runsTheAuthenticatorsWarmUpOnTheVerifiersThread() throws Exception {
    AtomicReference<String> warmedOn = new AtomicReference<>();
    OfferAuthenticator authenticator =
        new OfferAuthenticator() {
          @Override
          public void authenticate(RelayOffer offer, byte[] signedBytes) {}

          @Override
          public void warmUp() {
            warmedOn.set(Thread.currentThread().getName());
          }
        };
    try (OfferVerifier verifier = new OfferVerifier(authenticator)) {
      verifier.warmUp().get(10, TimeUnit.SECONDS);
    }

    assertThat(warmedOn.get()).startsWith("discovery-verify-");
  }

  @Test
  void verify_afterClose_refuses() {
    OfferVerifier verifier = new OfferVerifier((offer, signed) -> {});
    verifier.close();

    assertThat(
            verifier.verify(
                new OfferCheck(new byte[16], Duration.ofMinutes(1), (offer, signed) -> {}),
                GARBAGE,
                Runnable::run,
                verdict -> {}))
        .isFalse();
  }

  private static void block(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
