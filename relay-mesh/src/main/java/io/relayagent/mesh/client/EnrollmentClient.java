package io.relayagent.mesh.client;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.IpLiterals;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one enrollment request ({@code POST /enroll/v1/certificate} with a JSON body) for a host
 * that has no certificate yet: straight to a management server, or to a relay's TLS tunnel
 * listener, which forwards that one request, and nothing else, to a server of its own SiteList
 * (docs/enrollment.md, "Through a relay"). One request per connection; the answer's body is bounded
 * and every step has a timeout (connect, TLS handshake, the exchange).
 *
 * <p>What the host presents is decided by the material behind the channels' contexts: an agent
 * whose trust has no identity yet presents no certificate; a relay forwarding an agent's request
 * presents its own.
 *
 * <pre>{@code
 * EnrollmentClient enroll = new EnrollmentClient(channels, Duration.ofSeconds(20));
 * EnrollmentClient.Answer answer = enroll.viaRelay(relayRoute, requestJson).get();
 * }</pre>
 */
public final class EnrollmentClient {

  /** The largest answer body accepted (an issued chain and a trust bundle fit many times). */
  public static final int MAX_ANSWER_BYTES = 64 * 1024;

  /**
   * The server's answer.
   *
   * @param contentType its {@code Content-Type}, or {@code null}
   */
  public record Answer(int status, String contentType, byte[] body) {}

  private final ServerChannels channels;
  private final Duration timeout;

  /**
   * @param channels contexts built on the host's trust: role SERVER with the host name checked
   *     towards servers, role RELAY towards relays
   * @param timeout how long the exchange may take once the connection is up
   */
  public EnrollmentClient(ServerChannels channels, Duration timeout) {
    this.channels = Objects.requireNonNull(channels, "channels");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Posts {@code json} to {@code server} over TLS. Resolves the server's name on the calling
   * thread: never call it on an event loop.
   */
  public CompletableFuture<Answer> direct(HostPort server, byte[] json) {
    return exchange(channels.open(new Route.Direct(), server), server.toString(), json, Map.of());
  }

  /**
   * Posts {@code json} to a relay's TLS tunnel listener, as the plain request it forwards (no
   * {@code CONNECT}). Resolves a static relay's name on the calling thread.
   */
  public CompletableFuture<Answer> viaRelay(Route.ViaRelay relay, byte[] json) {
    InetSocketAddress address = relay.address();
    return exchange(
        channels.openRelay(relay),
        new HostPort(hostOf(address), address.getPort()).toString(),
        json,
        Map.of());
  }

  /**
   * Posts {@code json} over {@code ready} (a channel {@link ServerChannels} opened, TLS done) and
   * closes it after the answer.
   *
   * @param authority the {@code Host} header
   * @param headers fields added to the request, such as a relay's {@code Forwarded}
   */
  public CompletableFuture<Answer> exchange(
      CompletableFuture<Channel> ready,
      String authority,
      byte[] json,
      Map<String, String> headers) {
    Map<String, String> fields = new LinkedHashMap<>(headers);
    fields.put(HttpHeaderNames.CONTENT_TYPE.toString(), "application/json");
    fields.put(HttpHeaderNames.CONNECTION.toString(), "close");
    return ready.thenCompose(
        channel -> {
          HttpSession session = HttpSession.over(channel, authority, MAX_ANSWER_BYTES, timeout);
          return session
              .send(HttpMethod.POST, ServerPaths.ENROLL, fields, json)
              .whenComplete((answer, failure) -> session.close())
              .thenApply(
                  response ->
                      new Answer(
                          response.status(),
                          response.headers().get(HttpHeaderNames.CONTENT_TYPE),
                          response.body()));
        });
  }

  /** A {@code Forwarded} field naming {@code agent} as RFC 7239 writes a node (no port). */
  public static String forwardedFor(InetSocketAddress agent) {
    if (agent.getAddress() instanceof Inet6Address) {
      return "for=\"[" + hostOf(agent) + "]\"";
    }
    return "for=" + hostOf(agent);
  }

  private static String hostOf(InetSocketAddress address) {
    if (address.isUnresolved() || address.getAddress() == null) {
      return address.getHostString();
    }
    return IpLiterals.format(address.getAddress()); // RFC 5952 text, without a scope id
  }
}
