package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay's signing threads: which offer is signed first, how many may wait, the nonces. */
class OfferSigningPoolTest {

  @TempDir Path dir;

  @Test
  void submit_backlog_signsTheEarliestDueFirst() throws Exception {
    TrustOfferSigner signer = new DiscoveryTrust(dir, "Org CA").signer("relay-a");
    List<Long> signed = new CopyOnWriteArrayList<>();
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(4);
    try (OfferSigningPool pool = new OfferSigningPool(signer, 1, () -> {})) {
      long later = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      pool.submit(later, () -> block(busy));
      for (long due : new long[] {300, 100, 400, 200}) {
        pool.submit(
            later + due,
            () -> {
              signed.add(due);
              done.countDown();
            });
      }
      busy.countDown();

      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(signed).containsExactly(100L, 200L, 300L, 400L);
  }

  @Test
  void submit_queueFull_isRefused() throws Exception {
    TrustOfferSigner signer = new DiscoveryTrust(dir, "Org CA").signer("relay-a");
    CountDownLatch busy = new CountDownLatch(1);
    try (OfferSigningPool pool = new OfferSigningPool(signer, 1, () -> {})) {
      long later = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      pool.submit(later, () -> block(busy));
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 5000; i++) {
                  pool.submit(later + i, () -> {});
                }
              })
          .isInstanceOf(RejectedExecutionException.class)
          .hasMessageContaining("offers waiting to be signed: 4096");
      busy.countDown();
    }
  }

  @Test
  void submit_dueNowWhileIdle_signsOnTheCallersThread_dueLaterOnThePool() throws Exception {
    TrustOfferSigner signer = new DiscoveryTrust(dir, "Org CA").signer("relay-a");
    List<Thread> threads = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(2);
    try (OfferSigningPool pool = new OfferSigningPool(signer, 1, () -> {})) {
      // Its signing thread has started (until then the pool counts it as busy: CI, loaded).
      await().atMost(Duration.ofSeconds(10)).until(pool::idle);
      pool.submit(
          System.nanoTime(),
          () -> {
            threads.add(Thread.currentThread());
            done.countDown();
          });
      pool.submit(
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50),
          () -> {
            threads.add(Thread.currentThread());
            done.countDown();
          });

      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(threads).hasSize(2);
    assertThat(threads.get(0)).as("due now, nothing queued").isSameAs(Thread.currentThread());
    assertThat(threads.get(1)).as("due later").isNotSameAs(Thread.currentThread());
  }

  @Test
  void submit_dueNowWhileTheSignersAreBusy_waitsItsTurnOnThePool() throws Exception {
    TrustOfferSigner signer = new DiscoveryTrust(dir, "Org CA").signer("relay-a");
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    List<Thread> threads = new CopyOnWriteArrayList<>();
    try (OfferSigningPool pool = new OfferSigningPool(signer, 1, () -> {})) {
      pool.submit(System.nanoTime() + TimeUnit.SECONDS.toNanos(1), () -> block(busy));
      pool.submit(
          System.nanoTime(),
          () -> {
            threads.add(Thread.currentThread());
            done.countDown();
          });
      busy.countDown();

      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(threads).singleElement().isNotSameAs(Thread.currentThread());
  }

  @Test
  void start_fillsTheSignersNoncesWhileIdle() throws Exception {
    TrustOfferSigner signer = new DiscoveryTrust(dir, "Org CA").signer("relay-a");

    try (OfferSigningPool pool = new OfferSigningPool(signer, 1, () -> {})) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> signer.precomputed() == OfferSigningPool.NONCES);
      CountDownLatch signedOne = new CountDownLatch(1);
      pool.submit(
          System.nanoTime(),
          () -> {
            signer.sign(new byte[] {1});
            signedOne.countDown();
          });
      assertThat(signedOne.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(signer.precomputed())
        .as("one taken; the pool tops up only below three quarters")
        .isEqualTo(OfferSigningPool.NONCES - 1);
  }

  @Test
  void start_rehearsesBeforeItComputesNonces() throws Exception {
    TrustOfferSigner signer = new DiscoveryTrust(dir, "Org CA").signer("relay-a");
    CountDownLatch rehearsing = new CountDownLatch(1);
    CountDownLatch rehearsed = new CountDownLatch(1);

    OfferSigningPool pool =
        new OfferSigningPool(
            signer,
            1,
            () -> {
              rehearsing.countDown();
              block(rehearsed);
            });
    try {
      assertThat(rehearsing.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200);
      assertThat(signer.precomputed()).as("nothing computed during the rehearsal").isZero();
      rehearsed.countDown();

      await().atMost(Duration.ofSeconds(60)).until(() -> signer.precomputed() > 0);
    } finally {
      pool.close();
    }
  }

  private static void block(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
