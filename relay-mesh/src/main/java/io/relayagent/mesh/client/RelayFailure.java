package io.relayagent.mesh.client;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslClosedEngineException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.relayagent.trust.TlsFailures;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Why a relay failed the agent, once, in words for its administrator: {@code relay-agent relays}
 * shows each relay's last one, so that "why is this relay not used?" has an answer.
 *
 * <pre>{@code
 * RelayFailure failure = RelayFailure.of(exception, clock.instant());
 * failure.detail(); // "502: connection refused by epo.example.test:443"
 * }</pre>
 *
 * @param kind what went wrong, for machines ({@link Kind#wireName()})
 * @param detail the whole sentence for people, starting with the kind: "refused 403: ...", "TLS
 *     failure: certificate ... refused: has no IP SAN 10.0.0.7 ...", "timed out: ..."
 * @param at when it happened
 */
public record RelayFailure(Kind kind, String detail, Instant at) {

  /** The most of a detail kept: a relay's reason is hostile input. */
  public static final int MAX_DETAIL_CHARS = 600;

  private static final int MAX_CHAIN = 16;

  /** What went wrong with a relay. */
  public enum Kind {
    /** It answered CONNECT with 403 (the server is not in its SiteList) or another refusal. */
    REFUSED,
    /** It answered 502: it cannot reach the server (its reason says why). */
    UPSTREAM_FAILED,
    /** It answered 503: it is at its connection limit. */
    FULL,
    /** Its content cache answered 404 for one file: it lacks that file, not everything. */
    LACKS_CONTENT,
    /** It did not answer in time: no connection, no TLS handshake, no answer to CONNECT. */
    TIMED_OUT,
    /** TLS with it failed; the detail has the real cause (its certificate, an alert). */
    TLS,
    /** It closed the connection before the exchange was over. */
    DROPPED,
    /** Nothing answered at its address (connection refused, no route, unknown name). */
    UNREACHABLE,
    /** Anything else. */
    FAILED;

    /** The name in the control channel's JSON: "upstream-failed", "timed-out". */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public RelayFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
    detail = detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) : detail;
  }

  /** What {@code failure}, from connecting to or through a relay, says about the relay. */
  public static RelayFailure of(Throwable failure, Instant at) {
    RelayRefusedException refused = find(failure, RelayRefusedException.class);
    if (refused != null) {
      return refusal(refused, at);
    }
    Throwable timeout = timeout(failure);
    if (timeout != null) {
      return new RelayFailure(Kind.TIMED_OUT, "timed out: " + message(timeout), at);
    }
    String dropped = dropped(failure);
    if (dropped != null) {
      return new RelayFailure(Kind.DROPPED, "dropped: " + dropped, at);
    }
    Optional<String> tls = TlsFailures.describe(failure);
    if (tls.isPresent()) {
      return new RelayFailure(Kind.TLS, "TLS failure: " + tls.get(), at);
    }
    Throwable unreachable = unreachable(failure);
    if (unreachable != null) {
      return new RelayFailure(Kind.UNREACHABLE, "unreachable: " + message(unreachable), at);
    }
    Throwable root = failure;
    for (int depth = 0; root.getCause() != null && depth < MAX_CHAIN; depth++) {
      root = root.getCause();
    }
    return new RelayFailure(Kind.FAILED, "failed: " + message(root), at);
  }

  /** The relay's content cache answered {@code status} (a 404: it lacks {@code file}). */
  public static RelayFailure lacksContent(String file, int status, String reason, Instant at) {
    return new RelayFailure(
        status == 404 ? Kind.LACKS_CONTENT : Kind.FAILED,
        (status == 404 ? "lacks content: " : "content: ")
            + file
            + " answered "
            + status
            + (reason == null || reason.isBlank() ? "" : " (" + reason.strip() + ")"),
        at);
  }

  /**
   * A transfer of {@code file} stopped with {@code have} of its {@code size} bytes: the relay
   * closed the connection, or {@code cutBy} (a read timeout: it stalled; a reset) ended it.
   */
  public static RelayFailure cutOff(
      String file, long have, long size, Throwable cutBy, Instant at) {
    String where = file + " after " + have + " of " + size + " bytes";
    if (cutBy instanceof ReadTimeoutException) {
      return new RelayFailure(
          Kind.TIMED_OUT, "timed out mid-transfer: " + where + " (nothing more arrived)", at);
    }
    return new RelayFailure(
        Kind.DROPPED,
        "dropped mid-transfer: " + where + (cutBy == null ? "" : " (" + message(cutBy) + ")"),
        at);
  }

  private static RelayFailure refusal(RelayRefusedException refused, Instant at) {
    String reason = refused.reason().isEmpty() ? "" : ": " + refused.reason();
    return switch (refused.status()) {
      case 403 -> new RelayFailure(Kind.REFUSED, "refused 403" + reason, at);
      case 502 -> new RelayFailure(Kind.UPSTREAM_FAILED, "502" + reason, at);
      case 503 -> new RelayFailure(Kind.FULL, "503" + reason, at);
      default ->
          new RelayFailure(
              Kind.REFUSED,
              refused.status() < 0
                  ? "refused: " + message(refused)
                  : "refused " + refused.status() + reason,
              at);
    };
  }

  private static Throwable timeout(Throwable failure) {
    for (Throwable t : chain(failure)) {
      if (t instanceof TimeoutException) {
        // A future's timeout has no message; the caller's names the stage ("no connection within
        // 10 s").
        return t == failure || failure.getMessage() == null ? t : failure;
      }
      if (t instanceof SocketTimeoutException
          || t instanceof ConnectTimeoutException
          || t instanceof SslHandshakeTimeoutException
          || t instanceof ReadTimeoutException) {
        return t;
      }
    }
    return null;
  }

  /** How the connection was dropped, or null if it was not. */
  private static String dropped(Throwable failure) {
    boolean duringHandshake = find(failure, SSLHandshakeException.class) != null;
    for (Throwable t : chain(failure)) {
      if (t instanceof DroppedConnectionException) {
        return t.getMessage();
      }
      if (t instanceof ClosedChannelException
          || t instanceof SslClosedEngineException
          || t instanceof EOFException
          || (t instanceof SocketException && String.valueOf(t.getMessage()).contains("reset"))) {
        return duringHandshake
            ? "the connection closed during the TLS handshake"
            : "the connection closed (" + message(t) + ")";
      }
    }
    return null;
  }

  private static Throwable unreachable(Throwable failure) {
    for (Throwable t : chain(failure)) {
      if (t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException) {
        return t;
      }
    }
    return null;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t : chain(failure)) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** {@code failure} and its causes, at most {@link #MAX_CHAIN} deep (a cycle ends there). */
  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> all = new ArrayList<>();
    for (Throwable t = failure; t != null && all.size() < MAX_CHAIN; t = t.getCause()) {
      all.add(t);
    }
    return all;
  }

  private static String message(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
