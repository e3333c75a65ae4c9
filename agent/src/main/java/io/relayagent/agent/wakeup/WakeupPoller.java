package io.relayagent.agent.wakeup;

import io.netty.handler.codec.http.HttpMethod;
import io.relayagent.agent.connect.Exchanges;
import io.relayagent.agent.connect.ServerConnector;
import io.relayagent.mesh.client.HttpSession;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.control.ControlWakeup;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the agent's one wake-up connection: a TLS connection to its server by the same route an
 * ASCI takes (directly, through the proxy, or through a relay's tunnel, end to end), on which it
 * asks {@code GET /agent/v1/wakeup} again and again. The server answers when it has a wake-up, or
 * with {@code 204} when its hold ends; each wake-up the {@link WakeupGate} accepts runs {@code
 * onWake}. When the connection fails, it is opened again after a growing, jittered pause, so that
 * agents behind a relay that restarted do not all come back in the same second.
 *
 * <pre>{@code
 * WakeupPoller poller = WakeupPoller.start(opener, gate, agent::triggerAsci, clock);
 * ControlWakeup shown = poller.status();                   // for relay-agent status
 * poller.close();
 * }</pre>
 */
public final class WakeupPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WakeupPoller.class);

  /** Longer than any server's hold (180 s in the reference server), shorter than forever. */
  static final Duration POLL_TIMEOUT = Duration.ofMinutes(5);

  private static final Duration FIRST_PAUSE = Duration.ofSeconds(5);
  private static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);

  /** A server without wake-ups ({@code 404}) is asked again only this rarely. */
  private static final Duration NOT_OFFERED_PAUSE = Duration.ofMinutes(30);

  /** Opens a connection to the server by the connectivity ladder. */
  @FunctionalInterface
  public interface Opener {
    ServerConnector.Connection open() throws IOException, InterruptedException;
  }

  private final Opener opener;
  private final WakeupGate gate;
  private final Runnable onWake;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile boolean reconnecting;
  private volatile ServerConnector.Connection current;

  /** The open connection's route and opening time, for {@link #status}; null while none. */
  private volatile Opened opened;

  private volatile Instant lastWakeup;
  private volatile String lastIgnored;

  private record Opened(String route, Instant at) {}

  private WakeupPoller(Opener opener, WakeupGate gate, Runnable onWake, Clock clock) {
    this.opener = opener;
    this.gate = gate;
    this.onWake = onWake;
    this.clock = clock;
    this.thread = new Thread(this::run, "wakeup-poll");
    this.thread.setDaemon(true);
  }

  public static WakeupPoller start(Opener opener, WakeupGate gate, Runnable onWake, Clock clock) {
    WakeupPoller poller = new WakeupPoller(opener, gate, onWake, clock);
    poller.thread.start();
    return poller;
  }

  /** The connection held now, and the last wake-up acted on and refused. */
  public ControlWakeup status() {
    Opened now = opened;
    Instant woken = lastWakeup;
    return new ControlWakeup(
        now == null ? null : now.route(),
        now == null ? null : now.at().toString(),
        woken == null ? null : woken.toString(),
        lastIgnored);
  }

  private void run() {
    Duration pause = FIRST_PAUSE;
    while (!stopped) {
      Duration next;
      try (ServerConnector.Connection connection = opener.open()) {
        current = connection;
        opened = new Opened(connection.route().describe(), clock.instant());
        log.info("wake-up connection open ({})", connection.route().describe());
        next = pollWhileOpen(connection.session());
        pause = FIRST_PAUSE; // it worked: a later failure starts from the short pause again
      } catch (IOException e) {
        log.debug("wake-up connection failed: {}", e.getMessage());
        next = pause;
        pause =
            pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                ? LONGEST_PAUSE
                : pause.multipliedBy(2);
      } catch (InterruptedException e) {
        return;
      } finally {
        current = null;
        opened = null;
      }
      if (reconnecting) {
        reconnecting = false; // asked to: by the route the new settings give, at once
        pause = FIRST_PAUSE;
        continue;
      }
      if (!sleep(jittered(next))) {
        return;
      }
    }
  }

  /**
   * Polls until the connection ends or the server says to stop.
   *
   * @return how long to wait before connecting again
   */
  private Duration pollWhileOpen(HttpSession session) throws IOException, InterruptedException {
    while (!stopped && session.isOpen()) {
      HttpSession.Response response =
          Exchanges.await(
              session.send(HttpMethod.GET, ServerPaths.WAKEUP, Map.of(), null, POLL_TIMEOUT),
              POLL_TIMEOUT.plusSeconds(5));
      switch (response.status()) {
        case 200 -> received(response.body());
        case 204 -> log.trace("wake-up poll: nothing this hold");
        case 404 -> {
          log.info(
              "the server offers no wake-ups; asking again in {} min",
              NOT_OFFERED_PAUSE.toMinutes());
          return NOT_OFFERED_PAUSE;
        }
        default -> {
          log.info("wake-up poll refused: {}{}", response.status(), Exchanges.reason(response));
          return retryAfter(response);
        }
      }
    }
    return FIRST_PAUSE;
  }

  private void received(byte[] body) {
    WakeupGate.Verdict verdict = gate.check(body);
    if (verdict == WakeupGate.Verdict.ACCEPTED) {
      lastWakeup = clock.instant();
      log.info("woken up by the server: running an ASCI now");
      onWake.run();
    } else {
      lastIgnored = clock.instant() + ": " + verdict.description();
      log.warn("a wake-up was ignored: {}", verdict.description());
    }
  }

  private static Duration retryAfter(HttpSession.Response response) {
    String value = response.headers().get("Retry-After");
    try {
      long seconds = value == null ? 60 : Long.parseLong(value.strip());
      return Duration.ofSeconds(Math.max(5, Math.min(seconds, LONGEST_PAUSE.toSeconds())));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(60);
    }
  }

  /** Between half and all of {@code pause}: spreads the agents of one relay over the pause. */
  private static Duration jittered(Duration pause) {
    long millis = pause.toMillis();
    return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
  }

  private boolean sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return !stopped;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /**
   * Closes the connection and opens a new one at once, by the ladder as it is now: after a change
   * of the policy (its proxy, its relays), the connection must not stay on a route the agent no
   * longer takes.
   */
  public void reconnect() {
    ServerConnector.Connection connection = current;
    if (connection != null) {
      reconnecting = true;
      connection.close();
    }
  }

  /** Stops polling and closes the connection. */
  @Override
  public void close() {
    stopped = true;
    ServerConnector.Connection connection = current;
    if (connection != null) {
      connection.close();
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
