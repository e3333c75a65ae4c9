package io.relayagent.protocol.enroll;

import io.relayagent.protocol.json.Fields;

/**
 * The body of {@code POST /enroll/v1/certificate}: a host without a certificate asks for one with
 * an enrollment token, sending a certificate request made with a key that never leaves it.
 *
 * <pre>{@code {"token":"...","csr":"-----BEGIN CERTIFICATE REQUEST-----...","agentVersion":"1.0"}}
 * </pre>
 *
 * @param token the enrollment token the administrator made ({@code relay-agent server token
 *     create}); it decides the role of the certificate
 * @param csr a PEM PKCS#10 request; its common name is the name asked for (the agent id)
 * @param agentVersion the agent's version, for the server's records
 */
public record EnrollmentRequest(String token, String csr, String agentVersion) {
  /** A request of ours is a few hundred characters. */
  public static final int MAX_CSR_CHARS = 8 * 1024;

  public EnrollmentRequest {
    token = Fields.text("token", token, Fields.MAX_TEXT);
    csr = Fields.text("csr", csr, MAX_CSR_CHARS);
    agentVersion = Fields.text("agentVersion", agentVersion, Fields.MAX_TEXT);
  }

  /** The token stays out of logs and exceptions. */
  @Override
  public String toString() {
    return "EnrollmentRequest[token=(hidden), agentVersion=" + agentVersion + "]";
  }
}
