package io.relayagent.server.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.admin.EnrollmentToken;
import io.relayagent.server.ServerDirectory;
import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.server.store.Stores;
import io.relayagent.server.store.TestDatabase;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnrollmentTokensTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path dir;

  private DatabaseSettings settings;
  private Stores stores;

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void create_keepsOnlyTheSecretsHash(TestDatabase database) throws Exception {
    EnrollmentTokens tokens = open(database);

    EnrollmentTokens.Created created = tokens.create(Role.AGENT, 5, Duration.ofDays(7), NOW);

    StoredToken stored = stores.tokens().all().get(0);
    assertThat(created.secret()).matches("rae_[A-Za-z0-9_-]{43}");
    assertThat(created.token().token()).isEqualTo(created.secret());
    assertThat(created.token().id()).matches("[0-9a-f]{16}").isEqualTo(stored.id());
    assertThat(created.token().expires()).isEqualTo("2026-03-08T10:00:00Z");
    assertThat(stored.toString()).doesNotContain(created.secret());
    assertThat(stored.secretSha256()).matches("[0-9a-f]{64}");
    assertThat(tokens.list()).singleElement().satisfies(t -> assertThat(t.token()).isNull());
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void redeem_validToken_givesItsRoleAndCountsTheUse(TestDatabase database) throws Exception {
    EnrollmentTokens tokens = open(database);
    String secret = tokens.create(Role.RELAY, 2, Duration.ofHours(1), NOW).secret();

    Redemption redemption = tokens.redeem(secret, NOW.plusSeconds(60));

    assertThat(redemption)
        .isInstanceOfSatisfying(
            Redemption.Accepted.class,
            accepted -> assertThat(accepted.role()).isEqualTo(Role.RELAY));
    assertThat(tokens.list().get(0).used()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void redeem_usedUpToken_isRefused(TestDatabase database) throws Exception {
    EnrollmentTokens tokens = open(database);
    String secret = tokens.create(Role.AGENT, 1, Duration.ofHours(1), NOW).secret();

    tokens.redeem(secret, NOW);
    Redemption second = tokens.redeem(secret, NOW);

    assertThat(second).isEqualTo(new Redemption.Refused(Redemption.Reason.USED_UP));
    assertThat(tokens.list().get(0).used()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void redeem_atOrAfterExpiry_isRefused(TestDatabase database) throws Exception {
    EnrollmentTokens tokens = open(database);
    String secret = tokens.create(Role.AGENT, 5, Duration.ofHours(1), NOW).secret();

    assertThat(tokens.redeem(secret, NOW.plus(Duration.ofHours(1))))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.EXPIRED));
    assertThat(tokens.list().get(0).used()).isZero();
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void redeem_revokedToken_isRefused(TestDatabase database) throws Exception {
    EnrollmentTokens tokens = open(database);
    EnrollmentTokens.Created created = tokens.create(Role.AGENT, 5, Duration.ofHours(1), NOW);

    assertThat(tokens.revoke(created.token().id())).isTrue();

    assertThat(tokens.redeem(created.secret(), NOW))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.REVOKED));
    assertThat(tokens.revoke("0000000000000000")).isFalse();
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void redeem_unknownOrMissingSecret_isRefused(TestDatabase database) throws Exception {
    EnrollmentTokens tokens = open(database);
    tokens.create(Role.AGENT, 5, Duration.ofHours(1), NOW);

    assertThat(tokens.redeem("not-a-token", NOW))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.UNKNOWN));
    assertThat(tokens.redeem(null, NOW))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.UNKNOWN));
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void check_usesNothingUp(TestDatabase database) throws Exception {
    EnrollmentTokens tokens = open(database);
    String secret = tokens.create(Role.AGENT, 1, Duration.ofHours(1), NOW).secret();

    tokens.check(secret, NOW);
    tokens.check(secret, NOW);

    assertThat(tokens.redeem(secret, NOW)).isInstanceOf(Redemption.Accepted.class);
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void open_again_keepsUsedCountsAndRevocations(TestDatabase database) throws Exception {
    EnrollmentTokens tokens = open(database);
    String once = tokens.create(Role.AGENT, 1, Duration.ofHours(1), NOW).secret();
    EnrollmentTokens.Created revoked = tokens.create(Role.RELAY, 3, Duration.ofHours(1), NOW);
    tokens.redeem(once, NOW);
    tokens.revoke(revoked.token().id());

    EnrollmentTokens reopened = open(database);

    assertThat(reopened.redeem(once, NOW))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.USED_UP));
    assertThat(reopened.redeem(revoked.secret(), NOW))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.REVOKED));
    assertThat(reopened.list())
        .extracting(EnrollmentToken::role, EnrollmentToken::used)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("relay", 0),
            org.assertj.core.groups.Tuple.tuple("agent", 1));
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void redeem_whenTheCountCannotBeWritten_failsAndUsesNothing(TestDatabase database)
      throws Exception {
    EnrollmentTokens tokens = open(database);
    String secret = tokens.create(Role.AGENT, 1, Duration.ofHours(1), NOW).secret();
    stores.close(); // the database is gone: nothing can be counted

    assertThatThrownBy(() -> tokens.redeem(secret, NOW)).isInstanceOf(IOException.class);

    assertThat(open(database).list().get(0).used()).isZero();
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void redeem_throughTwoServerInstancesAtOnce_neverGivesMoreUsesThanTheTokenHas(
      TestDatabase database) throws Exception {
    String secret = open(database).create(Role.AGENT, 3, Duration.ofHours(1), NOW).secret();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (Stores other = Stores.open(settings, new ServerDirectory(dir))) {
      List<EnrollmentTokens> instances =
          List.of(EnrollmentTokens.open(stores.tokens()), EnrollmentTokens.open(other.tokens()));
      List<Callable<Redemption>> attempts = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        EnrollmentTokens instance = instances.get(i % 2);
        attempts.add(() -> instance.redeem(secret, NOW));
      }
      int accepted = 0;
      for (Future<Redemption> attempt : threads.invokeAll(attempts)) {
        accepted += attempt.get() instanceof Redemption.Accepted ? 1 : 0;
      }

      assertThat(accepted).isEqualTo(3);
      assertThat(instances.get(1).list().get(0).used()).isEqualTo(3);
    } finally {
      threads.shutdownNow();
    }
  }

  private EnrollmentTokens open(TestDatabase database) throws IOException {
    if (settings == null) {
      settings = database.settings(dir);
    }
    if (stores != null) {
      stores.close();
    }
    stores = Stores.open(settings, new ServerDirectory(dir));
    return EnrollmentTokens.open(stores.tokens());
  }

  @AfterEach
  void close() {
    if (stores != null) {
      stores.close();
    }
  }
}
