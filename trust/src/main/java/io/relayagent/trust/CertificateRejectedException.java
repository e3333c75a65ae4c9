package io.relayagent.trust;

import java.io.Serial;
import java.security.cert.CertificateException;

/**
 * A peer's certificate was refused. The message names the certificate (its subject) and the reason,
 * for example {@code certificate "CN=relay-7" refused: expired on 2025-03-01T00:00:00Z}, so that
 * the log line alone tells an administrator which host to fix.
 *
 * <p>It is a {@link CertificateException} so that a TLS trust manager can throw it unchanged and
 * the handshake failure carries this message as its cause.
 */
public final class CertificateRejectedException extends CertificateException {
  @Serial private static final long serialVersionUID = 1L;

  /** Why a certificate was refused, for callers that react to some reasons differently. */
  public enum Reason {
    NO_CERTIFICATE,
    EXPIRED,
    NOT_YET_VALID,
    REVOKED,
    UNTRUSTED_ISSUER,
    WRONG_ROLE,
    HOST_NAME_MISMATCH
  }

  private final String subject;
  private final Reason reason;
  private final String detail;

  public CertificateRejectedException(String subject, Reason reason, String detail) {
    super("certificate \"" + subject + "\" refused: " + detail);
    this.subject = subject;
    this.reason = reason;
    this.detail = detail;
  }

  /** The subject of the refused certificate, as an RFC 2253 distinguished name. */
  public String subject() {
    return subject;
  }

  public Reason reason() {
    return reason;
  }

  /** The reason in words, without the certificate's name: "expired on 2025-03-01T00:00:00Z". */
  public String detail() {
    return detail;
  }
}
