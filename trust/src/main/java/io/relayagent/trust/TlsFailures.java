package io.relayagent.trust;

import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * What a failed TLS connection really failed on, in one line for a person. The engines hide it:
 * BoringSSL reports every refusal as "General OpenSslEngine problem" with the trust manager's
 * exception as a cause, the JDK repeats it in its own message, and an alert from the peer comes as
 * "Received fatal alert: bad_certificate" from one and "error:10000412:SSL
 * routines:OPENSSL_internal:SSLV3_ALERT_BAD_CERTIFICATE" from the other.
 *
 * <p>The order of the search follows what tells an administrator most: our own certificate check
 * ({@link CertificateRejectedException}, which names the certificate and the reason: "has no IP SAN
 * 10.0.0.7", "expired on ...", "revoked (CRL ...)"), another certificate check, an alert the peer
 * sent, a peer that does not speak TLS, and last the engine's own message when it is not the
 * generic one.
 *
 * <pre>{@code
 * Optional<String> why = TlsFailures.describe(handshakeFuture.cause());
 * // certificate "CN=relay-7,O=Acme" refused: has no IP SAN 10.0.0.7 (its subject alternative ...)
 * }</pre>
 */
public final class TlsFailures {

  /** BoringSSL's reason for an alert: "..._ALERT_BAD_CERTIFICATE". */
  private static final Pattern OPENSSL_ALERT =
      Pattern.compile("(?:SSLV3|TLSV1(?:_\\d)?)_ALERT_([A-Z_]+)");

  /** The JDK's: "Received fatal alert: bad_certificate". */
  private static final Pattern JDK_ALERT = Pattern.compile("Received fatal alert: ([a-z_]+)");

  /** BoringSSL's message when the real cause is the exception's cause. */
  private static final String GENERIC = "General OpenSslEngine problem";

  private static final int MAX_CHAIN = 16;

  private TlsFailures() {}

  /**
   * The real cause of a TLS failure, or empty if {@code failure} is not one (a connection refused,
   * a timeout before TLS started).
   */
  public static Optional<String> describe(Throwable failure) {
    Optional<String> certificate = certificateCheck(failure);
    if (certificate.isPresent()) {
      return certificate;
    }
    SSLException deepest = null;
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_CHAIN; t = t.getCause(), depth++) {
      if (t instanceof NotSslRecordException) {
        return Optional.of("the peer does not speak TLS");
      }
      Optional<String> alert = alert(t.getMessage());
      if (alert.isPresent()) {
        return alert;
      }
      if (t instanceof SSLException ssl && !GENERIC.equals(ssl.getMessage())) {
        deepest = ssl;
      }
    }
    return deepest == null ? Optional.empty() : Optional.ofNullable(deepest.getMessage());
  }

  /** A certificate check's refusal in the chain: ours first, since it names the certificate. */
  private static Optional<String> certificateCheck(Throwable failure) {
    CertificateException other = null;
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_CHAIN; t = t.getCause(), depth++) {
      if (t instanceof CertificateRejectedException rejected) {
        return Optional.of(rejected.getMessage());
      }
      if (t instanceof CertificateException certificate && other == null) {
        other = certificate;
      }
    }
    return other == null
        ? Optional.empty()
        : Optional.of("certificate refused: " + other.getMessage());
  }

  private static Optional<String> alert(String message) {
    if (message == null) {
      return Optional.empty();
    }
    String name;
    Matcher jdk = JDK_ALERT.matcher(message);
    Matcher openSsl = OPENSSL_ALERT.matcher(message);
    if (jdk.find()) {
      name = jdk.group(1);
    } else if (openSsl.find()) {
      name = openSsl.group(1).toLowerCase(Locale.ROOT);
    } else {
      return Optional.empty();
    }
    return Optional.of(
        aboutOurCertificate(name)
            ? "the peer refused this host's certificate (TLS alert " + name + ")"
            : "the peer ended the handshake (TLS alert " + name + ")");
  }

  /** Alerts a peer sends when it refuses the certificate this host presented. */
  private static boolean aboutOurCertificate(String alert) {
    return switch (alert) {
      case "bad_certificate",
          "certificate_unknown",
          "certificate_expired",
          "certificate_revoked",
          "certificate_required",
          "unsupported_certificate",
          "unknown_ca",
          "access_denied" ->
          true;
      default -> false;
    };
  }
}
