package io.relayagent.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.server.store.Stores;
import io.relayagent.server.store.TestDatabase;
import io.relayagent.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The console's links and sessions, kept in each database the server runs on. */
class ConsoleSessionsTest {
  private static final String DATABASES = "io.relayagent.server.store.TestDatabase#all";

  private final MutableClock clock = new MutableClock();
  @TempDir Path dir;
  private Stores stores;

  private ConsoleSessions open(TestDatabase database) throws IOException {
    stores = database.open(dir);
    return new ConsoleSessions(stores.consoleSecrets(), clock);
  }

  @AfterEach
  void close() {
    if (stores != null) {
      stores.close();
    }
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void redeem_freshLink_startsASessionThatIsValid(TestDatabase database) throws Exception {
    ConsoleSessions sessions = open(database);
    ConsoleSessions.Issued link = sessions.issueLink();

    ConsoleSessions.Issued session = sessions.redeem(link.secret()).orElseThrow();

    assertThat(sessions.isValid(session.secret())).isTrue();
    assertThat(session.secret()).hasSize(43).isNotEqualTo(link.secret()); // 256 bits, base64url
    assertThat(session.expires()).isEqualTo(clock.instant().plus(ConsoleSessions.SESSION_LIFETIME));
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void redeem_reusedLink_isRefused(TestDatabase database) throws Exception {
    ConsoleSessions sessions = open(database);
    ConsoleSessions.Issued link = sessions.issueLink();
    sessions.redeem(link.secret()).orElseThrow();

    assertThat(sessions.redeem(link.secret())).isEmpty();
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void redeem_expiredLink_isRefusedAndUsedUp(TestDatabase database) throws Exception {
    ConsoleSessions sessions = open(database);
    ConsoleSessions.Issued link = sessions.issueLink();
    clock.advance(ConsoleSessions.LINK_LIFETIME);

    assertThat(sessions.redeem(link.secret())).isEmpty();
    clock.set(MutableClock.DEFAULT_START);
    assertThat(sessions.redeem(link.secret())).as("gone, even if the clock goes back").isEmpty();
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void redeem_unknownOrOversizedSecret_isRefused(TestDatabase database) throws Exception {
    ConsoleSessions sessions = open(database);
    sessions.issueLink();

    assertThat(sessions.redeem("not-a-link")).isEmpty();
    assertThat(sessions.redeem("x".repeat(10_000))).isEmpty();
    assertThat(sessions.redeem(null)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void isValid_sessionSecretAsLinkOrLinkAsSession_isRefused(TestDatabase database)
      throws Exception {
    ConsoleSessions sessions = open(database);
    ConsoleSessions.Issued link = sessions.issueLink();

    assertThat(sessions.isValid(link.secret())).as("a link is not a session").isFalse();
    ConsoleSessions.Issued session = sessions.redeem(link.secret()).orElseThrow();
    assertThat(sessions.redeem(session.secret())).as("a session is not a link").isEmpty();
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void isValid_afterSessionLifetime_isFalse(TestDatabase database) throws Exception {
    ConsoleSessions sessions = open(database);
    ConsoleSessions.Issued session = sessions.redeem(sessions.issueLink().secret()).orElseThrow();
    clock.advance(ConsoleSessions.SESSION_LIFETIME.minus(Duration.ofSeconds(1)));
    assertThat(sessions.isValid(session.secret())).isTrue();

    clock.advance(Duration.ofSeconds(1));

    assertThat(sessions.isValid(session.secret())).isFalse();
    assertThat(sessions.sessions()).isZero();
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void isValid_noCookie_isFalse(TestDatabase database) throws Exception {
    ConsoleSessions sessions = open(database);
    assertThat(sessions.isValid(null)).isFalse();
    assertThat(sessions.isValid("")).isFalse();
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void end_logout_endsOnlyThatSession(TestDatabase database) throws Exception {
    ConsoleSessions sessions = open(database);
    ConsoleSessions.Issued one = sessions.redeem(sessions.issueLink().secret()).orElseThrow();
    ConsoleSessions.Issued two = sessions.redeem(sessions.issueLink().secret()).orElseThrow();

    sessions.end(one.secret());

    assertThat(sessions.isValid(one.secret())).isFalse();
    assertThat(sessions.isValid(two.secret())).isTrue();
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void redeem_beyondTheBound_dropsTheOldestSession(TestDatabase database) throws Exception {
    ConsoleSessions sessions = open(database);
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i <= ConsoleSessions.MAX_SESSIONS; i++) {
      secrets.add(sessions.redeem(sessions.issueLink().secret()).orElseThrow().secret());
    }

    assertThat(sessions.sessions()).isEqualTo(ConsoleSessions.MAX_SESSIONS);
    assertThat(sessions.isValid(secrets.get(0))).isFalse();
    assertThat(sessions.isValid(secrets.get(1))).isTrue();
    assertThat(sessions.isValid(secrets.get(ConsoleSessions.MAX_SESSIONS))).isTrue();
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void issueLink_beyondTheBound_dropsTheOldestLink(TestDatabase database) throws Exception {
    ConsoleSessions sessions = open(database);
    String oldest = sessions.issueLink().secret();
    for (int i = 0; i < ConsoleSessions.MAX_LINKS; i++) {
      sessions.issueLink();
    }

    assertThat(sessions.redeem(oldest)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void redeem_linkOfAnotherInstance_startsASessionValidOnBothAndSpendsTheLinkForBoth(
      TestDatabase database) throws Exception {
    ConsoleSessions first = open(database);
    ConsoleSessions second = new ConsoleSessions(stores.consoleSecrets(), clock);
    ConsoleSessions.Issued link = first.issueLink();

    ConsoleSessions.Issued session = second.redeem(link.secret()).orElseThrow();

    assertThat(first.isValid(session.secret())).isTrue();
    assertThat(first.redeem(link.secret())).isEmpty();
    first.end(session.secret());
    assertThat(second.isValid(session.secret())).isFalse();
  }
}
