package io.relayagent.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
  private final MutableClock clock = new MutableClock();
  private final ConsoleSessions sessions = new ConsoleSessions(clock);

  @Test
  void redeem_freshLink_startsASessionThatIsValid() {
    ConsoleSessions.Issued link = sessions.issueLink();

    ConsoleSessions.Issued session = sessions.redeem(link.secret()).orElseThrow();

    assertThat(sessions.isValid(session.secret())).isTrue();
    assertThat(session.secret()).hasSize(43).isNotEqualTo(link.secret()); // 256 bits, base64url
    assertThat(session.expires()).isEqualTo(clock.instant().plus(ConsoleSessions.SESSION_LIFETIME));
  }

  @Test
  void redeem_reusedLink_isRefused() {
    ConsoleSessions.Issued link = sessions.issueLink();
    sessions.redeem(link.secret()).orElseThrow();

    assertThat(sessions.redeem(link.secret())).isEmpty();
  }

  @Test
  void redeem_expiredLink_isRefusedAndUsedUp() {
    ConsoleSessions.Issued link = sessions.issueLink();
    clock.advance(ConsoleSessions.LINK_LIFETIME);

    assertThat(sessions.redeem(link.secret())).isEmpty();
    clock.set(MutableClock.DEFAULT_START);
    assertThat(sessions.redeem(link.secret())).as("gone, even if the clock goes back").isEmpty();
  }

  @Test
  void redeem_unknownOrOversizedSecret_isRefused() {
    sessions.issueLink();

    assertThat(sessions.redeem("not-a-link")).isEmpty();
    assertThat(sessions.redeem("x".repeat(10_000))).isEmpty();
    assertThat(sessions.redeem(null)).isEmpty();
  }

  @Test
  void isValid_sessionSecretAsLinkOrLinkAsSession_isRefused() {
    ConsoleSessions.Issued link = sessions.issueLink();

    assertThat(sessions.isValid(link.secret())).as("a link is not a session").isFalse();
    ConsoleSessions.Issued session = sessions.redeem(link.secret()).orElseThrow();
    assertThat(sessions.redeem(session.secret())).as("a session is not a link").isEmpty();
  }

  @Test
  void isValid_afterSessionLifetime_isFalse() {
    ConsoleSessions.Issued session = sessions.redeem(sessions.issueLink().secret()).orElseThrow();
    clock.advance(ConsoleSessions.SESSION_LIFETIME.minus(Duration.ofSeconds(1)));
    assertThat(sessions.isValid(session.secret())).isTrue();

    clock.advance(Duration.ofSeconds(1));

    assertThat(sessions.isValid(session.secret())).isFalse();
    assertThat(sessions.sessions()).isZero();
  }

  @Test
  void isValid_noCookie_isFalse() {
    assertThat(sessions.isValid(null)).isFalse();
    assertThat(sessions.isValid("")).isFalse();
  }

  @Test
  void end_logout_endsOnlyThatSession() {
    ConsoleSessions.Issued one = sessions.redeem(sessions.issueLink().secret()).orElseThrow();
    ConsoleSessions.Issued two = sessions.redeem(sessions.issueLink().secret()).orElseThrow();

    sessions.end(one.secret());

    assertThat(sessions.isValid(one.secret())).isFalse();
    assertThat(sessions.isValid(two.secret())).isTrue();
  }

  @Test
  void redeem_beyondTheBound_dropsTheOldestSession() {
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i <= ConsoleSessions.MAX_SESSIONS; i++) {
      secrets.add(sessions.redeem(sessions.issueLink().secret()).orElseThrow().secret());
    }

    assertThat(sessions.sessions()).isEqualTo(ConsoleSessions.MAX_SESSIONS);
    assertThat(sessions.isValid(secrets.get(0))).isFalse();
    assertThat(sessions.isValid(secrets.get(1))).isTrue();
    assertThat(sessions.isValid(secrets.get(ConsoleSessions.MAX_SESSIONS))).isTrue();
  }

  @Test
  void issueLink_beyondTheBound_dropsTheOldestLink() {
    String oldest = sessions.issueLink().secret();
    for (int i = 0; i < ConsoleSessions.MAX_LINKS; i++) {
      sessions.issueLink();
    }

    assertThat(sessions.redeem(oldest)).isEmpty();
  }
}
