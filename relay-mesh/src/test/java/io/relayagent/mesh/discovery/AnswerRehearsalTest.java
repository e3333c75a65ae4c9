package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.config.DiscoveryAnswerPolicy;
import io.relayagent.sitelist.HostPort;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answer rehearsed at start: the whole path, every round, with the relay's own parts. */
class AnswerRehearsalTest {

  @TempDir Path dir;

  @Test
  void run_makesAndSignsAnOfferEachRound() throws Exception {
    TrustOfferSigner signer = new DiscoveryTrust(dir, "Org CA").signer("relay-a");
    signer.precompute(AnswerRehearsal.ROUNDS);
    AtomicInteger statusReads = new AtomicInteger();
    OfferFactory offers =
        new OfferFactory(
            "relay-a",
            8443,
            signer,
            () -> List.of(new HostPort("epo.example.com", 443)),
            Clock.systemUTC());

    new AnswerRehearsal(
            offers,
            () -> {
              statusReads.incrementAndGet();
              return new RelayStatus(true, 0, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL);
            },
            DiscoveryAnswerPolicy::defaults)
        .run();

    assertThat(statusReads).hasValue(AnswerRehearsal.ROUNDS);
    assertThat(signer.precomputed()).as("one signature a round").isZero();
  }
}
