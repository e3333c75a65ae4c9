package io.relayagent.protocol.admin;

import io.relayagent.protocol.json.Fields;

/**
 * The body of {@code POST /admin/v1/enrollment-tokens}: {@code
 * {"uses":500,"validSeconds":604800,"role":"agent"}}.
 *
 * @param uses how many hosts may enroll with the token
 * @param validSeconds how long from now the token may be used
 * @param role the role of the certificates it gets: {@code agent} or {@code relay}
 */
public record EnrollmentTokenRequest(Integer uses, Long validSeconds, String role) {
  public EnrollmentTokenRequest {
    uses = Fields.required("uses", uses, "a number");
    if (uses < 1 || uses > 1_000_000) {
      throw Fields.problem("uses", "must be between 1 and 1000000");
    }
    validSeconds = Fields.required("validSeconds", validSeconds, "a number of seconds");
    if (validSeconds < 1 || validSeconds > 366L * 24 * 3600) {
      throw Fields.problem("validSeconds", "must be between 1 second and 366 days");
    }
    role = Fields.text("role", role, 16);
    if (!role.equals("agent") && !role.equals("relay")) {
      throw Fields.problem("role", "must be agent or relay");
    }
  }
}
