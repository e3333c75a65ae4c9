package io.relayagent.server.enroll;

import io.relayagent.protocol.admin.EnrollmentToken;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * One enrollment token as the server keeps it (in its database, and in {@code
 * enrollment-tokens.json} before it had one): never the secret, only its SHA-256 (hex).
 *
 * @param id the public id, short random hex, for listing and revoking
 * @param secretSha256 the SHA-256 of the secret, lowercase hex
 * @param role {@code agent} or {@code relay}
 * @param uses how many enrollments it allows
 * @param used how many it has served (on disk before each certificate is handed out)
 * @param expires when it stops working, ISO-8601
 * @param created when it was made, ISO-8601
 * @param revoked whether the administrator revoked it
 */
public record StoredToken(
    String id,
    String secretSha256,
    String role,
    int uses,
    int used,
    String expires,
    String created,
    boolean revoked) {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /**
   * This token if every member is valid: a token read from a file is input too.
   *
   * @throws IllegalArgumentException naming the token and the member at fault
   */
  public StoredToken checked() {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a token has no valid id");
    }
    if (secretSha256 == null || !SHA256.matcher(secretSha256).matches()) {
      throw new IllegalArgumentException("token " + id + ": secretSha256 is not a SHA-256");
    }
    if (!"agent".equals(role) && !"relay".equals(role)) {
      throw new IllegalArgumentException("token " + id + ": role must be agent or relay");
    }
    if (uses < 1 || used < 0) {
      throw new IllegalArgumentException("token " + id + ": uses and used must be counts");
    }
    try {
      Instant.parse(expires);
      Instant.parse(created);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("token " + id + ": expires and created must be times", e);
    }
    return this;
  }

  public Instant expiresAt() {
    return Instant.parse(expires);
  }

  /** Whether it can still enroll a host at {@code now}. */
  public boolean usable(Instant now) {
    return !revoked && used < uses && now.isBefore(expiresAt());
  }

  /** As the administrator's API shows it: {@code secret} only right after creation. */
  EnrollmentToken entry(String secret) {
    return new EnrollmentToken(id, secret, role, uses, used, expires, created, revoked);
  }
}
