package io.relayagent.protocol.enroll;

import io.relayagent.protocol.json.Fields;

/**
 * The body of {@code POST /agent/v1/certificate}: an enrolled agent or relay, proving itself with
 * its current certificate, asks for a new one for a new key (before two thirds of the current
 * certificate's life have passed, or when the organisation's root CA is being replaced).
 *
 * @param csr a PEM PKCS#10 request whose common name is the current certificate's
 */
public record CertificateRenewal(String csr) {
  public CertificateRenewal {
    csr = Fields.text("csr", csr, EnrollmentRequest.MAX_CSR_CHARS);
  }
}
