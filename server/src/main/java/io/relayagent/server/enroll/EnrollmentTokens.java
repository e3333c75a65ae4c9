package io.relayagent.server.enroll;

import io.relayagent.files.FileAccess;
import io.relayagent.files.SealedFile;
import io.relayagent.protocol.admin.EnrollmentToken;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.server.http.Document;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The enrollment tokens an administrator made ({@code relay-agent server token create}), kept in
 * {@code DIR/enrollment-tokens.json} (owner-only). The secret ({@value #SECRET_PREFIX} and 32
 * random bytes, base64url) is shown once, at creation; the file holds only its SHA-256, so a copy
 * of the file enrolls nobody.
 *
 * <p>Every change is on disk before it counts: a redemption's {@code used} count is written before
 * the certificate is handed out, so a crash can lose a use but never give an extra one. One lock
 * orders all changes; presented secrets are compared through their hashes in constant time. The
 * file is sealed ({@link SealedFile}): a flipped bit would otherwise be read as another count or
 * date, an extra use or ten more years.
 */
public final class EnrollmentTokens {
  /** More than any site needs at once; tokens no longer usable make room for new ones. */
  static final int MAX_TOKENS = 1000;

  private static final int MAX_FILE_BYTES = 1024 * 1024;
  private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Path file;

  /** Every secret starts with this. */
  public static final String SECRET_PREFIX = "rae_";

  private final SecureRandom random = new SecureRandom();
  private final List<StoredToken> tokens;

  private EnrollmentTokens(Path file, List<StoredToken> tokens) {
    this.file = file;
    this.tokens = tokens;
  }

  /** A token just made: its record, and the secret to hand to the administrator once. */
  public record Created(EnrollmentToken token, String secret) {}

  /**
   * The tokens in {@code file}; none if it does not exist.
   *
   * @throws IOException if the file exists but cannot be read, is damaged, or is not a token file:
   *     the server does not start rather than forget which tokens were used
   */
  public static EnrollmentTokens open(Path file) throws IOException {
    List<StoredToken> tokens = new ArrayList<>();
    if (Files.exists(file)) {
      byte[] content = SealedFile.read(file, MAX_FILE_BYTES).content();
      try {
        StoredTokens stored = ProtocolJson.read(content, MAX_FILE_BYTES, StoredTokens.class);
        for (StoredToken token :
            stored.tokens() == null ? List.<StoredToken>of() : stored.tokens()) {
          tokens.add(checked(token));
        }
      } catch (MalformedJsonException | IllegalArgumentException e) {
        throw new IOException(file + ": not an enrollment token file: " + e.getMessage(), e);
      }
    }
    return new EnrollmentTokens(file, tokens);
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
    List<StoredToken> next = new ArrayList<>(tokens);
    while (next.size() >= MAX_TOKENS) {
      Optional<StoredToken> spent = next.stream().filter(t -> !t.usable(now)).findFirst();
      if (spent.isEmpty()) {
        throw new IllegalStateException(
            MAX_TOKENS + " enrollment tokens are still usable; revoke some first");
      }
      next.remove(spent.get());
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
    next.add(token);
    save(next);
    return new Created(token.entry(secret), secret);
  }

  /** Every token, newest first, without secrets. */
  public synchronized List<EnrollmentToken> list() {
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
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).id().equals(id)) {
        List<StoredToken> next = new ArrayList<>(tokens);
        next.set(i, tokens.get(i).asRevoked());
        save(next);
        return true;
      }
    }
    return false;
  }

  /** What redeeming {@code secret} would give now, using nothing up. */
  public synchronized Redemption check(String secret, Instant now) {
    return decide(find(secret), now);
  }

  /**
   * Uses {@code secret} once: its role if it is known, not expired, not used up and not revoked.
   * The new {@code used} count is on disk when this returns.
   *
   * @throws IOException if the count cannot be written; the token is then not used
   */
  public synchronized Redemption redeem(String secret, Instant now) throws IOException {
    int index = find(secret);
    Redemption redemption = decide(index, now);
    if (redemption instanceof Redemption.Accepted) {
      StoredToken token = tokens.get(index);
      List<StoredToken> next = new ArrayList<>(tokens);
      next.set(index, token.withUsed(token.used() + 1));
      save(next);
    }
    return redemption;
  }

  private Redemption decide(int index, Instant now) {
    if (index < 0) {
      return new Redemption.Refused(Redemption.Reason.UNKNOWN);
    }
    StoredToken token = tokens.get(index);
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

  /**
   * The index of the token whose hash is the secret's; every hash is compared, in constant time.
   */
  private int find(String secret) {
    byte[] presented = hash(secret == null ? "" : secret);
    int found = -1;
    for (int i = 0; i < tokens.size(); i++) {
      byte[] stored = HexFormat.of().parseHex(tokens.get(i).secretSha256());
      if (MessageDigest.isEqual(presented, stored)) {
        found = i;
      }
    }
    return found;
  }

  /** Writes {@code next} durably, then makes it the tokens in force. */
  private void save(List<StoredToken> next) throws IOException {
    SealedFile.replace(file, ProtocolJson.write(new StoredTokens(next)), FileAccess.SECRET);
    tokens.clear();
    tokens.addAll(next);
  }

  private static byte[] hash(String secret) {
    return Document.sha256(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** A token read from the file, checked member by member: the file is input too. */
  private static StoredToken checked(StoredToken token) {
    if (token == null || token.id() == null || !ID.matcher(token.id()).matches()) {
      throw new IllegalArgumentException("a token has no valid id");
    }
    String id = token.id();
    if (token.secretSha256() == null || !SHA256.matcher(token.secretSha256()).matches()) {
      throw new IllegalArgumentException("token " + id + ": secretSha256 is not a SHA-256");
    }
    if (!"agent".equals(token.role()) && !"relay".equals(token.role())) {
      throw new IllegalArgumentException("token " + id + ": role must be agent or relay");
    }
    if (token.uses() < 1 || token.used() < 0) {
      throw new IllegalArgumentException("token " + id + ": uses and used must be counts");
    }
    try {
      Instant.parse(token.expires());
      Instant.parse(token.created());
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("token " + id + ": expires and created must be times", e);
    }
    return token;
  }
}
