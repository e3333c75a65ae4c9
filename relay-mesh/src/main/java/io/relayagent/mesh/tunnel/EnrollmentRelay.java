package io.relayagent.mesh.tunnel;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.mesh.client.EnrollmentClient;
import io.relayagent.mesh.client.ManagementSite;
import io.relayagent.mesh.client.Route;
import io.relayagent.mesh.client.ServerChannels;
import io.relayagent.mesh.discovery.SourceRateLimiter;
import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.IpLiterals;
import io.relayagent.sitelist.SiteLists;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thing a relay does for a host without a certificate: it forwards that host's enrollment
 * request, as a new HTTPS request of its own (presenting the relay's certificate, checking the
 * server's role and name), to the first management server of the relay's SiteList that it can
 * reach, and hands back the answer. Bounded: a rate per source address and a cap on forwards in
 * progress. See docs/enrollment.md, "Through a relay".
 */
final class EnrollmentRelay {

  private static final Logger log = LoggerFactory.getLogger(EnrollmentRelay.class);

  /** The largest enrollment request forwarded: a CSR and a token need a few KiB. */
  static final int MAX_REQUEST_BYTES = 16 * 1024;

  /** Enrollment requests one source address may send a minute. */
  static final int PER_SOURCE_PER_MINUTE = 10;

  /** Enrollment requests in progress at once, from all sources. */
  static final int MAX_IN_PROGRESS = 32;

  /** Why a request is not forwarded. */
  record Refusal(HttpResponseStatus status, String reason) {}

  private final Supplier<SiteLists> siteLists;
  private final ServerChannels channels;
  private final EnrollmentClient client;
  private final Executor blocking;
  private final Duration bodyTimeout;
  private final SourceRateLimiter rate;
  private final AtomicInteger inProgress = new AtomicInteger();

  /**
   * @param channels contexts built on the relay's trust (it presents its own certificate)
   * @param blocking where server names are resolved, never on an event loop
   * @param bodyTimeout how long an agent may take to send its request's body
   */
  EnrollmentRelay(
      Supplier<SiteLists> siteLists,
      ServerChannels channels,
      Duration exchangeTimeout,
      Executor blocking,
      Duration bodyTimeout,
      Ticker ticker) {
    this.siteLists = siteLists;
    this.channels = channels;
    this.client = new EnrollmentClient(channels, exchangeTimeout);
    this.blocking = blocking;
    this.bodyTimeout = bodyTimeout;
    double perSecond = PER_SOURCE_PER_MINUTE / 60.0;
    // The cap on requests in progress bounds all sources together; the total bucket only keeps a
    // storm from many addresses from making the relay dial its servers without pause.
    this.rate =
        new SourceRateLimiter(
            perSecond,
            PER_SOURCE_PER_MINUTE,
            perSecond * MAX_IN_PROGRESS,
            10 * MAX_IN_PROGRESS,
            ticker);
  }

  Duration bodyTimeout() {
    return bodyTimeout;
  }

  /**
   * Takes a place for a request from {@code channel}'s source, given back when the channel closes,
   * or says which limit refuses it.
   */
  Optional<Refusal> admit(Channel channel) {
    InetAddress source = ((InetSocketAddress) channel.remoteAddress()).getAddress();
    if (!rate.tryAcquire(source)) {
      return Optional.of(
          new Refusal(
              HttpResponseStatus.TOO_MANY_REQUESTS,
              "enrollment rate limit: at most "
                  + PER_SOURCE_PER_MINUTE
                  + " enrollment requests a minute from one address"));
    }
    while (true) {
      int now = inProgress.get();
      if (now >= MAX_IN_PROGRESS) {
        return Optional.of(
            new Refusal(
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                "enrollment limit: "
                    + MAX_IN_PROGRESS
                    + " enrollment requests are being forwarded already; try again shortly"));
      }
      if (inProgress.compareAndSet(now, now + 1)) {
        channel.closeFuture().addListener(closed -> inProgress.decrementAndGet());
        return Optional.empty();
      }
    }
  }

  /**
   * Forwards {@code json} from {@code agent}; the future fails with a message for a {@code 502}
   * when no management server of the SiteList could be reached.
   */
  CompletableFuture<EnrollmentClient.Answer> forward(InetSocketAddress agent, byte[] json) {
    SiteLists lists = siteLists.get();
    List<HostPort> servers =
        lists == null
            ? List.of()
            : ManagementSite.of(lists).stream().map(ManagementSite::endpoint).toList();
    if (servers.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the relay's SiteList has no enabled management server"));
    }
    return tryFrom(servers, 0, agent, json, null);
  }

  /** Tries {@code servers} from index {@code i} on: the first that takes a connection answers. */
  private CompletableFuture<EnrollmentClient.Answer> tryFrom(
      List<HostPort> servers, int i, InetSocketAddress agent, byte[] json, Throwable last) {
    if (i == servers.size()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "no management server of the relay's SiteList could be reached (last: "
                  + describe(last)
                  + ")"));
    }
    HostPort server = servers.get(i);
    CompletableFuture<Channel> ready =
        CompletableFuture.supplyAsync(() -> channels.open(new Route.Direct(), server), blocking)
            .thenCompose(opened -> opened);
    return ready
        .handle(
            (channel, failure) -> {
              if (failure != null) {
                log.debug("enrollment: {} cannot be reached: {}", server, describe(failure));
                return tryFrom(servers, i + 1, agent, json, failure);
              }
              return client
                  .exchange(
                      CompletableFuture.completedFuture(channel),
                      server.toString(),
                      json,
                      Map.of("Forwarded", EnrollmentClient.forwardedFor(agent)))
                  .whenComplete(
                      (answer, error) -> {
                        if (answer != null) {
                          log.info(
                              "forwarded an enrollment request from {} to {}: {}",
                              IpLiterals.format(agent.getAddress()),
                              server,
                              answer.status());
                        }
                      });
            })
        .thenCompose(next -> next);
  }

  static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause == null) {
      return "none";
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.toString();
  }
}
