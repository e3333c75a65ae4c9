package io.relayagent.mesh.content;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why the cache cannot hand out an object. The reasons map to the answers the agent acts on: {@link
 * Reason#NOT_FOUND} and {@link Reason#UNAVAILABLE} are {@code 404} (this relay lacks the object and
 * cannot fetch it), {@link Reason#INVALID} and {@link Reason#TOO_LARGE} are {@code 502} (upstream
 * sent something the relay will not pass on). In each case the agent tries its next relay.
 */
public final class ContentException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** No such site in the SiteList, or upstream answered 404 or 410. */
    NOT_FOUND,
    /** Upstream cannot be reached or answered something other than the object. */
    UNAVAILABLE,
    /** Upstream's answer broke the content protocol: length, digest, or a header missing. */
    INVALID,
    /** The object is larger than the cache may hold. */
    TOO_LARGE
  }

  private final Reason reason;

  public ContentException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ContentException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The ContentException inside {@code failure}, or one of reason UNAVAILABLE describing it. */
  static ContentException of(Throwable failure) {
    Throwable cause = failure;
    while (cause != null) {
      if (cause instanceof ContentException content) {
        return content;
      }
      cause = cause.getCause();
    }
    Throwable root = failure;
    while ((root instanceof CompletionException || root instanceof ExecutionException)
        && root.getCause() != null) {
      root = root.getCause();
    }
    return new ContentException(Reason.UNAVAILABLE, "cannot fetch from upstream: " + root, root);
  }
}
