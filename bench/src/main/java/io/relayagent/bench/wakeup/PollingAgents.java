package io.relayagent.bench.wakeup;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.relayagent.mesh.client.HttpSession;
import io.relayagent.mesh.client.Route;
import io.relayagent.mesh.client.ServerChannels;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.sitelist.HostPort;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustMaterial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated agents that hold the wake-up poll, each with its own certificate, by the agent's own
 * client code ({@link ServerChannels}, {@link HttpSession}): directly or through a relay's tunnel.
 * No thread per agent: each answer sends the next poll from its callback. Each {@code 200} is
 * stamped with the time it arrived; the wake-ups themselves are not checked here (the agent's
 * {@code WakeupGate} is tested on its own).
 */
final class PollingAgents implements AutoCloseable {
  private static final Duration POLL_TIMEOUT = Duration.ofMinutes(5);

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(
          2, new DefaultThreadFactory("bench-agents", true), NioIoHandler.newFactory());
  private final List<HttpSession> sessions = new ArrayList<>();
  private final Map<String, Long> wokenAt = new ConcurrentHashMap<>();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile boolean closed;

  /**
   * Connects {@code names} by {@code route}, 32 handshakes at a time, and starts each one's poll.
   */
  void connect(LoopbackPki pki, List<String> names, Route route, HostPort server) throws Exception {
    Semaphore handshakes = new Semaphore(32);
    List<CompletableFuture<Void>> opened = new ArrayList<>();
    for (String name : names) {
      TrustMaterial material = pki.material(name);
      ServerChannels channels =
          new ServerChannels(
              group,
              TlsContexts.forClient(material, Role.RELAY),
              TlsContexts.forClient(material, Role.SERVER),
              Duration.ofSeconds(30));
      handshakes.acquire();
      CompletableFuture<Void> done =
          channels
              .open(route, server)
              .thenAccept(channel -> start(name, channel, server))
              .whenComplete((v, e) -> handshakes.release());
      opened.add(done);
    }
    CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
  }

  private void start(String name, Channel channel, HostPort server) {
    HttpSession session = HttpSession.over(channel, server.toString(), 64 * 1024, POLL_TIMEOUT);
    synchronized (sessions) {
      sessions.add(session);
    }
    poll(name, session);
  }

  private void poll(String name, HttpSession session) {
    if (closed) {
      return;
    }
    session
        .send(HttpMethod.GET, ServerPaths.WAKEUP, Map.of(), null, POLL_TIMEOUT)
        .whenComplete(
            (response, failure) -> {
              if (failure != null || (response.status() != 200 && response.status() != 204)) {
                if (!closed) {
                  failures.incrementAndGet();
                }
                return;
              }
              if (response.status() == 200) {
                wokenAt.putIfAbsent(name, System.nanoTime());
              }
              poll(name, session);
            });
  }

  /** When each agent got its first wake-up ({@link System#nanoTime()}). */
  Map<String, Long> wokenAt() {
    return wokenAt;
  }

  /** Polls that failed (a refusal, a dropped connection) while not closing. */
  int failures() {
    return failures.get();
  }

  /** How many connections are open now. */
  int open() {
    synchronized (sessions) {
      return (int) sessions.stream().filter(HttpSession::isOpen).count();
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (sessions) {
      sessions.forEach(HttpSession::close);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
