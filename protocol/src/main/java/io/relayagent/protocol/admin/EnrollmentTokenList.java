package io.relayagent.protocol.admin;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/** {@code GET /admin/v1/enrollment-tokens}: every token, newest first, without the secrets. */
public record EnrollmentTokenList(List<EnrollmentToken> tokens) {
  public EnrollmentTokenList {
    tokens = Fields.list("tokens", tokens);
  }
}
