package io.relayagent.mesh.content;

import io.relayagent.mesh.content.ContentException.Reason;
import io.relayagent.protocol.http.ReprDigest;
import io.relayagent.trust.JdkClientTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Fetches one object from upstream over HTTPS with the relay's trust (the server must prove {@code
 * Role.SERVER}) and checks it against the content protocol (see {@code docs/content-protocol.md}):
 * a {@code 200} must carry {@code Content-Length} and {@code Repr-Digest: sha-256=:<base64>:} and
 * no content coding, and its body must match both. Redirects are not followed: a relay fetches only
 * from the sites of its SiteList. Any other answer is refused without reading its body.
 */
final class UpstreamFetcher implements AutoCloseable {

  private final HttpClient client;
  private final Duration headersTimeout;
  private final Duration idleTimeout;
  private final ScheduledExecutorService timer;

  UpstreamFetcher(
      JdkClientTls tls,
      Executor executor,
      Duration connectTimeout,
      Duration headersTimeout,
      Duration idleTimeout) {
    this.client =
        HttpClient.newBuilder()
            .sslContext(tls.context())
            .sslParameters(tls.parameters())
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .executor(executor)
            .build();
    this.headersTimeout = headersTimeout;
    this.idleTimeout = idleTimeout;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "content-fetch-timer");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Fetches {@code uri} into {@code temp}.
   *
   * @param validators the cached copy's validators for a conditional request, or {@code null}
   * @param maxLength the largest object the cache may take
   * @return the result, or a failure with a {@link ContentException} in its causes
   */
  CompletableFuture<FetchResult> fetch(
      URI uri, ObjectHeaders validators, Path temp, long maxLength) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(headersTimeout)
            .header("Accept-Encoding", "identity")
            .header(ReprDigest.WANT_HEADER, ReprDigest.WANT_SHA_256);
    if (validators != null && validators.etag() != null) {
      request.header("If-None-Match", validators.etag());
    }
    if (validators != null && validators.lastModified() != null) {
      request.header("If-Modified-Since", validators.lastModified());
    }
    boolean conditional = validators != null;
    return client
        .sendAsync(request.build(), info -> subscriberFor(info, conditional, temp, maxLength))
        .thenApply(HttpResponse::body);
  }

  private BodySubscriber<FetchResult> subscriberFor(
      HttpResponse.ResponseInfo info, boolean conditional, Path temp, long maxLength) {
    int status = info.statusCode();
    HttpHeaders headers = info.headers();
    if (status == 304 && conditional) {
      return RefusedBody.answering(new FetchResult.NotModified(ObjectHeaders.from(headers)));
    }
    if (status == 404 || status == 410) {
      return refused(Reason.NOT_FOUND, "upstream has no such object (" + status + ")");
    }
    if (status != 200) {
      return refused(Reason.UNAVAILABLE, "upstream answered " + status);
    }
    String coding = headers.firstValue("Content-Encoding").orElse("identity");
    if (!coding.equalsIgnoreCase("identity")) {
      return refused(Reason.INVALID, "upstream sent a content coding (" + coding + ")");
    }
    List<String> lengths = headers.allValues("Content-Length");
    if (lengths.size() != 1 || !lengths.get(0).matches("[0-9]{1,18}")) {
      return refused(Reason.INVALID, "upstream sent no single valid Content-Length");
    }
    long length = Long.parseLong(lengths.get(0));
    if (length > maxLength) {
      return refused(
          Reason.TOO_LARGE,
          "the object (" + length + " bytes) is larger than the cache quota allows");
    }
    byte[] sha256;
    try {
      sha256 = ReprDigest.parseSha256(headers.allValues(ReprDigest.HEADER)).orElse(null);
    } catch (IllegalArgumentException e) {
      return refused(Reason.INVALID, "upstream's Repr-Digest is malformed: " + e.getMessage());
    }
    if (sha256 == null) {
      return refused(Reason.INVALID, "upstream sent no Repr-Digest with sha-256");
    }
    return new VerifyingBodySubscriber(
        temp, length, sha256, ObjectHeaders.from(headers), timer, idleTimeout);
  }

  private static BodySubscriber<FetchResult> refused(Reason reason, String message) {
    return RefusedBody.failing(new ContentException(reason, message));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
