package io.relayagent.mesh.tunnel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import io.relayagent.sitelist.IpLiterals;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link TunnelServer} has carried: tunnels opened and open, bytes each way, refusals by
 * reason, and the distinct agents served. Every counter is a {@link LongAdder}: the tunnel's hot
 * path adds one number per chunk read, on its own event loop, without a lock or a shared cache line
 * to fight over; reading the totals (at each ASCI, at a metrics scrape) is the rare, slower side.
 */
public final class TunnelCounters {

  /** Why a request was refused, as the statistics name it. */
  public enum Refusal {
    FORBIDDEN("forbidden"),
    BUSY("busy"),
    UPSTREAM("upstream"),
    NO_CONTENT("no-content"),
    BAD_REQUEST("bad-request"),
    HANDSHAKE("handshake");

    private final String wireName;

    Refusal(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    static Refusal of(HttpResponseStatus status) {
      return switch (status.code()) {
        case 403 -> FORBIDDEN;
        case 503 -> BUSY;
        case 502, 504 -> UPSTREAM;
        case 404 -> NO_CONTENT;
        default -> BAD_REQUEST;
      };
    }
  }

  /** How long an agent counts as served after its last tunnel or content request. */
  public static final Duration SERVED_WINDOW = Duration.ofHours(24);

  /** The most agents remembered at once; past it the figure is a floor, and memory stays flat. */
  static final int MAX_AGENTS_REMEMBERED = 100_000;

  private final LongAdder opened = new LongAdder();
  private final LongAdder open = new LongAdder();
  private final LongAdder fromAgents = new LongAdder();
  private final LongAdder toAgents = new LongAdder();
  private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);
  private final Cache<String, Boolean> served;

  public TunnelCounters() {
    this(Ticker.systemTicker());
  }

  TunnelCounters(Ticker ticker) {
    for (Refusal reason : Refusal.values()) {
      refused.put(reason, new LongAdder());
    }
    served =
        Caffeine.newBuilder()
            .maximumSize(MAX_AGENTS_REMEMBERED)
            .expireAfterAccess(SERVED_WINDOW)
            .ticker(ticker)
            .build();
  }

  /** A tunnel opened on {@code frontend}; it counts as open until that channel closes. */
  void tunnelOpened(Channel frontend) {
    opened.increment();
    open.increment();
    frontend.closeFuture().addListener(closed -> open.decrement());
    served(frontend);
  }

  /** {@code client} was served (a tunnel, or a content request). */
  void served(Channel client) {
    served.put(identity(client), Boolean.TRUE);
  }

  void carriedFromAgent(int bytes) {
    fromAgents.add(bytes);
  }

  void carriedToAgent(int bytes) {
    toAgents.add(bytes);
  }

  void refused(HttpResponseStatus status) {
    refused(Refusal.of(status));
  }

  void refused(Refusal reason) {
    refused.get(reason).increment();
  }

  public long tunnelsOpened() {
    return opened.sum();
  }

  public long tunnelsOpen() {
    return open.sum();
  }

  public long bytesFromAgents() {
    return fromAgents.sum();
  }

  public long bytesToAgents() {
    return toAgents.sum();
  }

  /** Requests refused for {@code reason}. */
  public long refusals(Refusal reason) {
    return refused.get(reason).sum();
  }

  /** Distinct agents served within {@link #SERVED_WINDOW}. */
  public long agentsServed() {
    served.cleanUp();
    return served.estimatedSize();
  }

  /**
   * Who the client is: its certificate's subject on the TLS listener (an agent keeps it across
   * addresses), its address on the plain one.
   */
  private static String identity(Channel client) {
    SslHandler tls = client.pipeline().get(SslHandler.class);
    if (tls != null) {
      List<X509Certificate> chain = PeerCertificates.of(tls);
      if (!chain.isEmpty()) {
        return "cert:" + chain.get(0).getSubjectX500Principal().getName();
      }
    }
    InetSocketAddress remote = (InetSocketAddress) client.remoteAddress();
    return "addr:"
        + (remote == null ? "unknown" : IpLiterals.format(remote.getAddress()))
            .toLowerCase(Locale.ROOT);
  }
}
