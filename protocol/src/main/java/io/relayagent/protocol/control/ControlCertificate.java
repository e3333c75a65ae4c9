package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;

/**
 * The certificate part of a {@link ControlStatus}: the enrollment state and the certificate's life.
 *
 * @param state {@code enrolled}, {@code renewal due: ...}, {@code not enrolled: ...}, or the last
 *     refusal
 * @param name the certificate's common name (the agent id), or the name it enrolls under
 * @param role {@code agent} or {@code relay}; {@code null} before enrollment
 * @param expires ISO-8601; {@code null} before enrollment
 * @param renewAfter when the agent asks for a new certificate, ISO-8601; {@code null} before
 *     enrollment
 * @param root the SHA-256 fingerprint of the issuing root CA; {@code null} before enrollment
 */
public record ControlCertificate(
    String state, String name, String role, String expires, String renewAfter, String root) {
  public ControlCertificate {
    state = Fields.text("state", state, 1024);
    name = Fields.optionalText("name", name, Fields.MAX_TEXT);
  }
}
