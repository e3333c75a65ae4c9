package io.relayagent.server.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.admin.EnrollmentToken;
import io.relayagent.testkit.BitFlips;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollmentTokensTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("enrollment-tokens.json");
  }

  @Test
  void create_keepsOnlyTheSecretsHash_ownerOnly() throws Exception {
    EnrollmentTokens tokens = EnrollmentTokens.open(file());

    EnrollmentTokens.Created created = tokens.create(Role.AGENT, 5, Duration.ofDays(7), NOW);

    String stored = Files.readString(file());
    assertThat(created.secret()).matches("rae_[A-Za-z0-9_-]{43}");
    assertThat(created.token().token()).isEqualTo(created.secret());
    assertThat(created.token().id()).matches("[0-9a-f]{16}");
    assertThat(created.token().expires()).isEqualTo("2026-03-08T10:00:00Z");
    assertThat(stored).doesNotContain(created.secret()).contains(created.token().id());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");
    assertThat(tokens.list()).singleElement().satisfies(t -> assertThat(t.token()).isNull());
  }

  @Test
  void redeem_validToken_givesItsRoleAndCountsTheUse() throws Exception {
    EnrollmentTokens tokens = EnrollmentTokens.open(file());
    String secret = tokens.create(Role.RELAY, 2, Duration.ofHours(1), NOW).secret();

    Redemption redemption = tokens.redeem(secret, NOW.plusSeconds(60));

    assertThat(redemption)
        .isInstanceOfSatisfying(
            Redemption.Accepted.class,
            accepted -> assertThat(accepted.role()).isEqualTo(Role.RELAY));
    assertThat(tokens.list().get(0).used()).isEqualTo(1);
  }

  @Test
  void redeem_usedUpToken_isRefused() throws Exception {
    EnrollmentTokens tokens = EnrollmentTokens.open(file());
    String secret = tokens.create(Role.AGENT, 1, Duration.ofHours(1), NOW).secret();

    tokens.redeem(secret, NOW);
    Redemption second = tokens.redeem(secret, NOW);

    assertThat(second).isEqualTo(new Redemption.Refused(Redemption.Reason.USED_UP));
    assertThat(tokens.list().get(0).used()).isEqualTo(1);
  }

  @Test
  void redeem_atOrAfterExpiry_isRefused() throws Exception {
    EnrollmentTokens tokens = EnrollmentTokens.open(file());
    String secret = tokens.create(Role.AGENT, 5, Duration.ofHours(1), NOW).secret();

    assertThat(tokens.redeem(secret, NOW.plus(Duration.ofHours(1))))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.EXPIRED));
    assertThat(tokens.list().get(0).used()).isZero();
  }

  @Test
  void redeem_revokedToken_isRefused() throws Exception {
    EnrollmentTokens tokens = EnrollmentTokens.open(file());
    EnrollmentTokens.Created created = tokens.create(Role.AGENT, 5, Duration.ofHours(1), NOW);

    assertThat(tokens.revoke(created.token().id())).isTrue();

    assertThat(tokens.redeem(created.secret(), NOW))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.REVOKED));
    assertThat(tokens.revoke("0000000000000000")).isFalse();
  }

  @Test
  void redeem_unknownOrMissingSecret_isRefused() throws Exception {
    EnrollmentTokens tokens = EnrollmentTokens.open(file());
    tokens.create(Role.AGENT, 5, Duration.ofHours(1), NOW);

    assertThat(tokens.redeem("not-a-token", NOW))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.UNKNOWN));
    assertThat(tokens.redeem(null, NOW))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.UNKNOWN));
  }

  @Test
  void check_usesNothingUp() throws Exception {
    EnrollmentTokens tokens = EnrollmentTokens.open(file());
    String secret = tokens.create(Role.AGENT, 1, Duration.ofHours(1), NOW).secret();

    tokens.check(secret, NOW);
    tokens.check(secret, NOW);

    assertThat(tokens.redeem(secret, NOW)).isInstanceOf(Redemption.Accepted.class);
  }

  @Test
  void open_again_keepsUsedCountsAndRevocations() throws Exception {
    EnrollmentTokens tokens = EnrollmentTokens.open(file());
    String once = tokens.create(Role.AGENT, 1, Duration.ofHours(1), NOW).secret();
    EnrollmentTokens.Created revoked = tokens.create(Role.RELAY, 3, Duration.ofHours(1), NOW);
    tokens.redeem(once, NOW);
    tokens.revoke(revoked.token().id());

    EnrollmentTokens reopened = EnrollmentTokens.open(file());

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

  @Test
  void redeem_whenTheCountCannotBeWritten_failsAndUsesNothing() throws Exception {
    EnrollmentTokens tokens = EnrollmentTokens.open(file());
    String secret = tokens.create(Role.AGENT, 1, Duration.ofHours(1), NOW).secret();
    // A non-empty directory where the file was: no rename can replace it, even as root.
    Files.delete(file());
    Files.createDirectories(file().resolve("blocker"));

    assertThatThrownBy(() -> tokens.redeem(secret, NOW)).isInstanceOf(IOException.class);

    assertThat(tokens.list().get(0).used()).isZero();
  }

  @Test
  void open_fileThatIsNotATokenFile_isRefusedNamingIt() throws Exception {
    Files.writeString(file(), "{\"tokens\":[{\"id\":\"../x\"}]}");

    assertThatThrownBy(() -> EnrollmentTokens.open(file()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("no valid id");
  }

  @Test
  void open_oneFlippedBitAnywhere_refusesNamingTheFile_neverReadsAnotherCountOrDate()
      throws Exception {
    EnrollmentTokens tokens = EnrollmentTokens.open(file());
    String secret = tokens.create(Role.AGENT, 5, Duration.ofDays(7), NOW).secret();
    tokens.create(Role.RELAY, 2, Duration.ofDays(1), NOW);
    tokens.redeem(secret, NOW);
    List<EnrollmentToken> written = tokens.list();

    BitFlips.eachFlip(
        file(),
        400,
        at -> {
          try {
            assertThat(EnrollmentTokens.open(file()).list())
                .as("bit flipped at %d: read back as written", at)
                .isEqualTo(written);
          } catch (IOException e) {
            assertThat(e).as("bit flipped at %d", at).hasMessageStartingWith(file().toString());
          }
        });
  }
}
