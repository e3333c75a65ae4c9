package io.relayagent.server.enroll;

import io.relayagent.protocol.admin.EnrollmentToken;
import java.time.Instant;

/**
 * One enrollment token as {@code enrollment-tokens.json} keeps it: never the secret, only its
 * SHA-256 (hex).
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
record StoredToken(
    String id,
    String secretSha256,
    String role,
    int uses,
    int used,
    String expires,
    String created,
    boolean revoked) {

  StoredToken withUsed(int newUsed) {
    return new StoredToken(id, secretSha256, role, uses, newUsed, expires, created, revoked);
  }

  StoredToken asRevoked() {
    return new StoredToken(id, secretSha256, role, uses, used, expires, created, true);
  }

  Instant expiresAt() {
    return Instant.parse(expires);
  }

  /** Whether it can still enroll a host at {@code now}. */
  boolean usable(Instant now) {
    return !revoked && used < uses && now.isBefore(expiresAt());
  }

  /** As the administrator's API shows it: {@code secret} only right after creation. */
  EnrollmentToken entry(String secret) {
    return new EnrollmentToken(id, secret, role, uses, used, expires, created, revoked);
  }
}
