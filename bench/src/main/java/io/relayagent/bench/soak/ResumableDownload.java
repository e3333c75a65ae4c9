package io.relayagent.bench.soak;

import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.repo.CatalogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One file of the catalog fetched through relays' content caches as the agent fetches it: from one
 * relay, and when that relay fails (killed, {@code 404}, {@code 502}, a body cut short) from the
 * next, resuming with {@code Range} and {@code If-Range} from the bytes already held. The bytes are
 * hashed as they arrive, not kept; the download is verified when it holds exactly the catalog's
 * size and its SHA-256 is the catalog's.
 */
final class ResumableDownload {
  private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ATTEMPT_LIMIT = Duration.ofSeconds(120);
  private static final int CHUNK = 64 * 1024;

  /**
   * How it ended.
   *
   * @param corrupt whether bytes were received that the catalog does not allow (too many, or the
   *     wrong digest): a relay served something other than the signed content
   * @param resumes attempts that continued from bytes already held
   * @param failure why the last attempt failed, when not verified
   */
  record Outcome(
      boolean verified, boolean corrupt, int attempts, int resumes, long bytes, String failure) {}

  private final HttpClient client;
  private final ScheduledExecutorService watchdog;
  private final int port;
  private final String site;

  /**
   * @param client mutual TLS to relays, HTTP/1.1
   * @param watchdog closes a body that stalls past the attempt's limit
   * @param site the SiteList's name of the management server whose repository it is
   */
  ResumableDownload(HttpClient client, ScheduledExecutorService watchdog, int port, String site) {
    this.client = client;
    this.watchdog = watchdog;
    this.port = port;
    this.site = site;
  }

  /**
   * Fetches {@code entry} through {@code relays} in turn (from the first, round and round) until it
   * is verified, found corrupt, or {@code deadlineNanos} passes. {@code attemptFailed} hears each
   * failed attempt's relay and reason.
   */
  Outcome fetch(
      CatalogEntry entry,
      List<RelayTarget> relays,
      long deadlineNanos,
      BiConsumer<RelayTarget, String> attemptFailed)
      throws InterruptedException {
    Progress progress = new Progress();
    int attempts = 0;
    int resumes = 0;
    String failure = "no attempt before the deadline";
    for (int i = 0; System.nanoTime() < deadlineNanos; i++) {
      RelayTarget relay = relays.get(i % relays.size());
      attempts++;
      boolean resuming = progress.have > 0 && progress.etag != null;
      if (resuming) {
        resumes++;
      }
      try {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(
                    URI.create(
                        "https://"
                            + relay.address()
                            + ":"
                            + port
                            + ServerPaths.relayContent(site, entry.name())))
                .timeout(HEAD_TIMEOUT);
        if (resuming) {
          request.header("Range", "bytes=" + progress.have + "-").header("If-Range", progress.etag);
        }
        HttpResponse<InputStream> response =
            client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
          int status = response.statusCode();
          if (status == 200) {
            progress.restart(response.headers().firstValue("etag").orElse(null));
          } else if (status != 206 || !resuming) {
            throw new IOException("answered " + status);
          } else if (!response
              .headers()
              .firstValue("content-range")
              .orElse("")
              .startsWith("bytes " + progress.have + "-")) {
            throw new IOException("a range that does not start at " + progress.have);
          }
          read(body, progress, entry.size());
        }
        if (progress.have > entry.size()) {
          return new Outcome(
              false, true, attempts, resumes, progress.have, "more bytes than the catalog's");
        }
        if (progress.have == entry.size()) {
          boolean match = MessageDigest.isEqual(progress.digest.digest(), entry.digest());
          return new Outcome(
              match,
              !match,
              attempts,
              resumes,
              progress.have,
              match ? null : "not the catalog's SHA-256");
        }
        failure = relay.name() + ": the body ended after " + progress.have + " of " + entry.size();
      } catch (IOException e) {
        failure = relay.name() + ": " + e;
      }
      attemptFailed.accept(relay, failure);
      Thread.sleep(1000);
    }
    return new Outcome(false, false, attempts, resumes, progress.have, failure);
  }

  /**
   * Reads the body into {@code progress}, as it arrives, so that a body cut short leaves exactly
   * what arrived to resume from; stops one chunk past {@code size} (enough to tell that there were
   * too many). A body that stalls is closed by the watchdog, which ends the read with an exception.
   */
  private void read(InputStream body, Progress progress, long size) throws IOException {
    ScheduledFuture<?> limit =
        watchdog.schedule(
            () -> {
              try {
                body.close();
              } catch (IOException e) {
                // Closing is all the watchdog can do; the read ends either way.
              }
            },
            ATTEMPT_LIMIT.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      byte[] buffer = new byte[CHUNK];
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        progress.digest.update(buffer, 0, n);
        progress.have += n;
        if (progress.have > size) {
          return;
        }
      }
    } finally {
      limit.cancel(false);
    }
  }

  /** The bytes held so far: their count and running digest, and the object's tag. */
  private static final class Progress {
    final MessageDigest digest = sha256();
    long have;
    String etag;

    void restart(String newEtag) {
      digest.reset();
      have = 0;
      etag = newEtag;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
