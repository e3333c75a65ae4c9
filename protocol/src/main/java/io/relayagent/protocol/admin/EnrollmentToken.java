package io.relayagent.protocol.admin;

import io.relayagent.protocol.json.Fields;

/**
 * An enrollment token as {@code /admin/v1/enrollment-tokens} shows it. The secret itself is in the
 * answer to its creation only; the server keeps only its hash.
 *
 * @param id the token's public id, for {@code token revoke}
 * @param token the secret, only when just created; {@code null} otherwise
 * @param role {@code agent} or {@code relay}
 * @param uses how many enrollments it allows
 * @param used how many it has served
 * @param expires when it stops working, ISO-8601
 * @param created when it was made, ISO-8601
 * @param revoked whether the administrator revoked it
 */
public record EnrollmentToken(
    String id,
    String token,
    String role,
    Integer uses,
    Integer used,
    String expires,
    String created,
    Boolean revoked) {

  public EnrollmentToken {
    id = Fields.text("id", id, 64);
    token = Fields.optionalText("token", token, Fields.MAX_TEXT);
    role = Fields.text("role", role, 16);
    uses = Fields.required("uses", uses, "a number");
    used = Fields.required("used", used, "a number");
    expires = Fields.offsetTime("expires", expires);
    created = Fields.offsetTime("created", created);
    revoked = Fields.required("revoked", revoked, "true or false");
  }

  /** The secret stays out of logs. */
  @Override
  public String toString() {
    return "EnrollmentToken[id=" + id + ", role=" + role + ", used=" + used + "/" + uses + "]";
  }
}
