package io.relayagent.mesh.content;

import io.relayagent.mesh.content.ContentException.Reason;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Streams a {@code 200} body into the temporary file while hashing it, and completes only if
 * exactly the announced number of bytes arrived and their SHA-256 is the announced one. It stops as
 * soon as upstream sends more than announced, and when no data came for the idle timeout (the HTTP
 * client's own timeout ends when the headers arrive, so a stalled body would hang forever).
 *
 * <p>The Flow callbacks are serialized by the client; the watchdog runs on another thread, so every
 * method that touches the state is synchronized.
 */
final class VerifyingBodySubscriber implements BodySubscriber<FetchResult> {

  private final CompletableFuture<FetchResult> body = new CompletableFuture<>();
  private final Path temp;
  private final long expectedLength;
  private final byte[] expectedSha256;
  private final ObjectHeaders headers;
  private final ScheduledExecutorService timer;
  private final long idleNanos;
  private final MessageDigest sha256;
  private Flow.Subscription subscription;
  private FileChannel out;
  private ScheduledFuture<?> watchdog;
  private long received;
  private long lastDataNanos;

  VerifyingBodySubscriber(
      Path temp,
      long expectedLength,
      byte[] expectedSha256,
      ObjectHeaders headers,
      ScheduledExecutorService timer,
      Duration idleTimeout) {
    this.temp = temp;
    this.expectedLength = expectedLength;
    this.expectedSha256 = expectedSha256.clone();
    this.headers = headers;
    this.timer = timer;
    this.idleNanos = idleTimeout.toNanos();
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public synchronized void onSubscribe(Flow.Subscription newSubscription) {
    subscription = newSubscription;
    try {
      out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      fail(new ContentException(Reason.UNAVAILABLE, "cannot write the cache: " + e, e));
      return;
    }
    lastDataNanos = System.nanoTime();
    long period = Math.max(idleNanos / 4, TimeUnit.MILLISECONDS.toNanos(50));
    watchdog = timer.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.NANOSECONDS);
    subscription.request(1);
  }

  @Override
  public synchronized void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) {
      return;
    }
    try {
      for (ByteBuffer buffer : buffers) {
        received += buffer.remaining();
        if (received > expectedLength) {
          fail(invalid("upstream sent more than its Content-Length of " + expectedLength));
          return;
        }
        sha256.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
      }
    } catch (IOException e) {
      fail(new ContentException(Reason.UNAVAILABLE, "cannot write the cache: " + e, e));
      return;
    }
    lastDataNanos = System.nanoTime();
    subscription.request(1);
  }

  @Override
  public synchronized void onError(Throwable error) {
    fail(
        new ContentException(
            Reason.INVALID,
            "upstream's body broke off after " + received + " of " + expectedLength + " bytes",
            error));
  }

  @Override
  public synchronized void onComplete() {
    if (body.isDone()) {
      return;
    }
    if (received != expectedLength) {
      fail(
          invalid("upstream sent " + received + " bytes; its Content-Length is " + expectedLength));
    } else if (!MessageDigest.isEqual(sha256.digest(), expectedSha256)) {
      fail(invalid("the body's SHA-256 is not the one upstream's Repr-Digest announces"));
    } else {
      release();
      body.complete(
          new FetchResult.Fetched(
              received, Base64.getEncoder().encodeToString(expectedSha256), headers));
    }
  }

  @Override
  public CompletionStage<FetchResult> getBody() {
    return body;
  }

  private synchronized void checkIdle() {
    if (!body.isDone() && System.nanoTime() - lastDataNanos > idleNanos) {
      fail(
          new ContentException(
              Reason.UNAVAILABLE,
              "upstream sent no data for " + Duration.ofNanos(idleNanos).toMillis() + " ms"));
    }
  }

  private static ContentException invalid(String message) {
    return new ContentException(Reason.INVALID, message);
  }

  /** Closes the file before completing, so whoever deletes the temporary file can. */
  private void fail(ContentException failure) {
    if (body.isDone()) {
      return;
    }
    release();
    if (subscription != null) {
      subscription.cancel();
    }
    body.completeExceptionally(failure);
  }

  private void release() {
    if (watchdog != null) {
      watchdog.cancel(false);
    }
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // Nothing was lost: a file that cannot be closed is deleted with the temporary file.
      }
    }
  }
}
