package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.agent.identity.CertificateStatus;
import io.relayagent.demo.DemoWorld;
import io.relayagent.protocol.admin.EnrollmentTokenRequest;
import io.relayagent.server.admin.AdminClient;
import io.relayagent.testkit.MutableClock;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.PemFiles;
import io.relayagent.trust.Revocation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that holds only what an install bundle gives it (the CA, a token, the policy and the
 * SiteList) against the real reference server: it enrolls at its first ASCI with a key it made,
 * renews at two thirds of its certificate's life, and is refused once revoked.
 */
class EnrollmentAsciTest {
  private static final Duration ASCI = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void hostWithOnlyTheBundlesFiles_enrollsRenewsAndIsRefusedOnceRevoked() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of())) {
      world.startServer();
      AdminClient admin = world.adminClient();
      String token =
          admin.createEnrollmentToken(new EnrollmentTokenRequest(1, 3600L, "agent")).token();
      Path state = world.enrollingHost("laptop-1", world.policy().xml(), token);
      MutableClock clock = new MutableClock(Instant.now());
      List<String> progress = new CopyOnWriteArrayList<>();

      try (Agent agent = start(state, clock, progress::add)) {
        AgentStatus first = agent.firstAsci().get(ASCI.toSeconds(), TimeUnit.SECONDS);

        assertThat(first.lastOutcome()).as(String.join("\n", progress)).isEqualTo("ok");
        assertThat(first.agentId()).isEqualTo("laptop-1");
        CertificateStatus enrolled = first.certificate();
        assertThat(enrolled.state()).isEqualTo("enrolled");
        assertThat(enrolled.role()).isEqualTo("agent");
        assertThat(state.resolve("trust/enrollment-token")).doesNotExist();
        assertThat(state.resolve("trust/agent.pem")).exists();
        assertThat(progress).anyMatch(line -> line.startsWith("enrolled (direct)"));

        BigInteger enrolledSerial = serial(state);
        clock.set(enrolled.renewAfter().plus(Duration.ofHours(1)));
        AgentStatus renewed = agent.triggerAsci().get(ASCI.toSeconds(), TimeUnit.SECONDS);

        assertThat(renewed.lastOutcome()).as(String.join("\n", progress)).isEqualTo("ok");
        assertThat(serial(state)).isNotEqualTo(enrolledSerial);
        assertThat(progress).anyMatch(line -> line.startsWith("certificate renewed"));
        // Still two thirds into the first certificate's life: a revoked host asking for a new
        // certificate at once must get none (the server reads the CRL again before a renewal).

        List<?> revoked =
            new Revocation(new CaDirectory(world.caDirectory(), Clock.systemUTC()))
                .revoke("laptop-1");
        assertThat(revoked).isNotEmpty();
        await("the server refuses the revoked host")
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(
                            agent
                                .triggerAsci()
                                .get(ASCI.toSeconds(), TimeUnit.SECONDS)
                                .lastOutcome())
                        .startsWith("failed"));
      }
    }
  }

  @Test
  void hostWithoutADirectPath_enrollsThroughTheRelayThatAnswersItsDiscovery() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-1"))) {
      world.startServer();
      world.host("relay-1", world.policy().relay().xml());
      Agent relay = world.start("relay-1");
      assertThat(relay.firstAsci().get(ASCI.toSeconds(), TimeUnit.SECONDS).lastOutcome())
          .isEqualTo("ok");
      await("relay-1 serves")
          .atMost(Duration.ofSeconds(20))
          .until(() -> relay.status().relay().running());
      String token =
          world
              .adminClient()
              .createEnrollmentToken(new EnrollmentTokenRequest(1, 3600L, "agent"))
              .token();
      // Its only way out is a proxy that is down: the server is out of its reach.
      Path state = world.enrollingHost("branch-pc", world.policy().deadProxy().xml(), token);
      List<String> progress = new CopyOnWriteArrayList<>();

      try (Agent agent = start(state, Clock.systemUTC(), progress::add)) {
        AgentStatus first = agent.firstAsci().get(ASCI.toSeconds(), TimeUnit.SECONDS);

        assertThat(first.lastOutcome()).as(String.join("\n", progress)).isEqualTo("ok");
        assertThat(progress).contains("enrolled (relay relay-1)");
        assertThat(first.route()).isEqualTo("relay relay-1");
        assertThat(first.certificate().state()).isEqualTo("enrolled");
      }
    }
  }

  @Test
  void tokenUsedUp_secondHostIsRefusedAndSaysWhy() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of())) {
      world.startServer();
      String token =
          world
              .adminClient()
              .createEnrollmentToken(new EnrollmentTokenRequest(1, 3600L, "agent"))
              .token();
      Path first = world.enrollingHost("desk-1", world.policy().xml(), token);
      Path second = world.enrollingHost("desk-2", world.policy().xml(), token);
      MutableClock clock = new MutableClock(Instant.now());

      try (Agent one = start(first, clock, line -> {});
          Agent two = start(second, clock, line -> {})) {
        AgentStatus a = one.firstAsci().get(ASCI.toSeconds(), TimeUnit.SECONDS);
        AgentStatus b = two.firstAsci().get(ASCI.toSeconds(), TimeUnit.SECONDS);

        List<AgentStatus> both = List.of(a, b);
        assertThat(both).filteredOn(s -> s.lastOutcome().equals("ok")).hasSize(1);
        AgentStatus refused =
            both.stream().filter(s -> !s.lastOutcome().equals("ok")).findFirst().orElseThrow();
        assertThat(refused.lastOutcome())
            .contains("enrollment refused (403")
            .contains("used as often as it allows");
        assertThat(refused.certificate().state()).contains("enrollment refused");
      }
    }
  }

  private static Agent start(Path state, Clock clock, java.util.function.Consumer<String> progress)
      throws Exception {
    return Agent.start(
        new Agent.Options(state.resolve("policy.xml"), state.resolve("SiteList.xml"), state)
            .withClock(clock),
        progress);
  }

  private static BigInteger serial(Path state) throws Exception {
    return PemFiles.readCertificates(state.resolve("trust/agent.pem")).get(0).getSerialNumber();
  }
}
