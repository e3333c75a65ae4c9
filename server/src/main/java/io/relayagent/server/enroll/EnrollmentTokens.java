package io.relayagent.server.enroll;

import io.relayagent.protocol.admin.EnrollmentToken;
import io.relayagent.server.http.Document;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The enrollment tokens an administrator made ({@code relay-agent server token create}), kept in
 * the server's database through a {@link TokenStore}. The secret ({@value #SECRET_PREFIX} and 32
 * random bytes, base64url) is shown once, at creation; the store holds only its SHA-256, so a copy
 * of the database enrolls nobody.
 *
 * <p>Every change is stored before it counts: a redemption's {@code used} count is stored before
 * the certificate is handed out, so a crash can lose a use but never give an extra one, and the
 * count is a conditional update, so two server instances cannot both take a token's last use.
 * Presented secrets are compared through their hashes in constant time.
 */
public final class EnrollmentTokens {
  /** More than any site needs at once; tokens no longer usable make room for new ones. */
  static final int MAX_TOKENS = 1000;

  /** How often a redemption reads again after another instance counted a use in between. */
  private static final int MAX_RACES = 16;

  /** Every secret starts with this. */
  public static final String SECRET_PREFIX = "rae_";

  private final TokenStore store;
  private final SecureRandom random = new SecureRandom();

  private EnrollmentTokens(TokenStore store) {
    this.store = store;
  }

  /** A token just made: its record, and the secret to hand to the administrator once. */
  public record Created(EnrollmentToken token, String secret) {}

  /** The tokens kept in {@code store}. */
  public static EnrollmentTokens open(TokenStore store) {
    return new EnrollmentTokens(store);
  }

  /**
   * Makes a token for {@code role} that enrolls up to {@code uses} hosts until {@code now +
   * validity}.
   *
   * @throws IllegalStateException if {@value #MAX_TOKENS} tokens are still usable
   */
  public synchronized Created create(Role role, int uses, Duration validity, Instant now)
      throws IOException {
    if (role != Role.AGENT && role != Role.RELAY) {
      throw new IllegalArgumentException("an enrollment token is for agents or relays");
    }
    List<StoredToken> tokens = store.all();
    List<String> dropped = new ArrayList<>();
    Iterator<StoredToken> oldestFirst = tokens.iterator();
    int count = tokens.size();
    while (count >= MAX_TOKENS) {
      StoredToken spent = null;
      while (spent == null && oldestFirst.hasNext()) {
        StoredToken next = oldestFirst.next();
        spent = next.usable(now) ? null : next;
      }
      if (spent == null) {
        throw new IllegalStateException(
            MAX_TOKENS + " enrollment tokens are still usable; revoke some first");
      }
      dropped.add(spent.id());
      count--;
    }
    byte[] secretBytes = new byte[32];
    random.nextBytes(secretBytes);
    // The prefix names what it is in a log or a chat, and keeps it from starting with "-", which a
    // command line would take for an option (base64url uses '-').
    String secret =
        SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    byte[] idBytes = new byte[8];
    random.nextBytes(idBytes);
    StoredToken token =
        new StoredToken(
            HexFormat.of().formatHex(idBytes),
            HexFormat.of().formatHex(hash(secret)),
            role.cliName(),
            uses,
            0,
            now.plus(validity).toString(),
            now.toString(),
            false);
    store.add(token, dropped);
    return new Created(token.entry(secret), secret);
  }

  /** Every token, newest first, without secrets. */
  public synchronized List<EnrollmentToken> list() throws IOException {
    List<StoredToken> tokens = store.all();
    List<EnrollmentToken> entries = new ArrayList<>();
    for (int i = tokens.size() - 1; i >= 0; i--) {
      entries.add(tokens.get(i).entry(null));
    }
    return entries;
  }

  /**
   * Revokes the token {@code id}; it enrolls no one from now on.
   *
   * @return false if there is no such token
   */
  public synchronized boolean revoke(String id) throws IOException {
    return store.revoke(id);
  }

  /** What redeeming {@code secret} would give now, using nothing up. */
  public synchronized Redemption check(String secret, Instant now) throws IOException {
    return decide(find(store.all(), secret), now);
  }

  /**
   * Uses {@code secret} once: its role if it is known, not expired, not used up and not revoked.
   * The new {@code used} count is stored when this returns.
   *
   * @throws IOException if the count cannot be stored; the token is then not used
   */
  public synchronized Redemption redeem(String secret, Instant now) throws IOException {
    for (int race = 0; race < MAX_RACES; race++) {
      StoredToken token = find(store.all(), secret);
      Redemption redemption = decide(token, now);
      if (!(redemption instanceof Redemption.Accepted)
          || store.countUse(token.id(), token.used())) {
        return redemption;
      }
    }
    throw new IOException("the token's use count kept changing; try again");
  }

  private static Redemption decide(StoredToken token, Instant now) {
    if (token == null) {
      return new Redemption.Refused(Redemption.Reason.UNKNOWN);
    }
    if (token.revoked()) {
      return new Redemption.Refused(Redemption.Reason.REVOKED);
    }
    if (!now.isBefore(token.expiresAt())) {
      return new Redemption.Refused(Redemption.Reason.EXPIRED);
    }
    if (token.used() >= token.uses()) {
      return new Redemption.Refused(Redemption.Reason.USED_UP);
    }
    return new Redemption.Accepted(token.id(), Role.fromCliName(token.role()));
  }

  /** The token whose hash is the secret's; every hash is compared, in constant time. */
  private static StoredToken find(List<StoredToken> tokens, String secret) {
    byte[] presented = hash(secret == null ? "" : secret);
    StoredToken found = null;
    for (StoredToken token : tokens) {
      byte[] stored = HexFormat.of().parseHex(token.secretSha256());
      if (MessageDigest.isEqual(presented, stored)) {
        found = token;
      }
    }
    return found;
  }

  private static byte[] hash(String secret) {
    return Document.sha256(secret.getBytes(StandardCharsets.UTF_8));
  }
}
