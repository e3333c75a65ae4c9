package io.relayagent.server.enroll;

import io.relayagent.trust.Role;

/** What presenting an enrollment token came to: a role to issue for, or why not. */
public sealed interface Redemption {

  /** The token is good; {@code tokenId} is its public id, for the log. */
  record Accepted(String tokenId, Role role) implements Redemption {}

  /** The token was refused; the reason names the kind of problem and never the secret. */
  record Refused(Reason reason) implements Redemption {}

  enum Reason {
    UNKNOWN("the enrollment token is unknown"),
    EXPIRED("the enrollment token has expired"),
    USED_UP("the enrollment token has been used as often as it allows"),
    REVOKED("the enrollment token was revoked");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }
}
