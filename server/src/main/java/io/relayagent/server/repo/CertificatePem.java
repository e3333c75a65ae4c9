package io.relayagent.server.repo;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** Certificates as PEM text, as served at {@code /repo/catalog.json.chain}. */
final class CertificatePem {
  private CertificatePem() {}

  static byte[] encode(List<X509Certificate> chain) {
    Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : chain) {
      try {
        pem.append("-----BEGIN CERTIFICATE-----\n")
            .append(base64.encodeToString(certificate.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("a loaded certificate cannot be encoded", e);
      }
    }
    return pem.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
