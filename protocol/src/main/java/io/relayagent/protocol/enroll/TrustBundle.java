package io.relayagent.protocol.enroll;

import io.relayagent.protocol.json.Fields;

/**
 * {@code GET /agent/v1/trust}: the roots every host must trust and the CRLs of those roots, which
 * an agent fetches at each ASCI with its policy. During a root CA rollover the bundle holds the new
 * root first and the previous one after it, until the administrator finishes the rollover; a host
 * whose certificate is not from the first root asks for a new one.
 *
 * @param caCertificates PEM CA certificates, the current root first
 * @param crls PEM CRLs of those roots, or {@code null} if the server has none
 */
public record TrustBundle(String caCertificates, String crls) {
  public static final int MAX_CA_CHARS = 256 * 1024;
  public static final int MAX_CRL_CHARS = 4 * 1024 * 1024;

  public TrustBundle {
    caCertificates = Fields.text("caCertificates", caCertificates, MAX_CA_CHARS);
    crls = Fields.optionalText("crls", crls, MAX_CRL_CHARS);
  }
}
