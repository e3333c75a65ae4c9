package io.relayagent.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import io.relayagent.protocol.ServerPaths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's idle guard (an answer that makes no progress closes its connection) and the wake-up
 * poll's hold. The hold is a multiple of the guard's period (60 s and 180 s), so the guard's check
 * comes due with the end of the hold. In a 10-minute soak 107 of 1,000 agents lost their wake-up
 * connection at the end of their first hold: the check ran after the poll had stopped waiting and
 * before the write of its {@code 204} had completed (only a completed write restarts the guard's
 * clock), saw nothing read or written for a whole period, and closed the connection. On a loaded
 * machine the write completed 38 ms after the answer was handed to it.
 *
 * <p>Time is a mock clock's, and the answer's write is held in flight by a handler that completes
 * it only when told, so the order that lost the connections is played exactly.
 */
class LongPollIdleGuardTest {
  private static final Duration IDLE = Duration.ofSeconds(60);
  private static final Duration HOLD = IDLE.multipliedBy(3);

  private final HeldWrites socket = new HeldWrites();
  private final MockTicker clock = Ticker.newMockTicker();
  private final EmbeddedChannel channel =
      EmbeddedChannel.builder()
          .ticker(clock)
          .handlers(
              socket,
              new IdleStateHandler(true, 0, 0, IDLE.toMillis(), TimeUnit.MILLISECONDS),
              new RequestTimeoutHandler(Duration.ofSeconds(30)))
          .build();

  @Test
  void holdEnds_guardCheckedBeforeTheAnswerIsWritten_connectionStaysOpen() {
    long polled = pollWaits();
    // The guard's checks at 60 s and 120 s pass (a waiting poll is silent); the hold ends just
    // before the third.
    advanceTo(polled + HOLD.minusMillis(5).toNanos());

    RequestTimeoutHandler.waitEnded(channel);
    channel.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT));
    channel.flush();
    advance(Duration.ofMillis(40)); // the check at 180 s runs while the write is still in flight

    assertThat(channel.isOpen()).as("the connection after the hold's answer").isTrue();
  }

  @Test
  void holdEnded_answerNeverWritten_guardStillClosesAfterItsPeriod() {
    long polled = pollWaits();
    advanceTo(polled + HOLD.minusMillis(5).toNanos());

    RequestTimeoutHandler.waitEnded(channel);
    channel.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT));
    channel.flush();
    advance(IDLE.plusSeconds(1)); // a client that stopped reading: the answer makes no progress

    assertThat(channel.isOpen()).as("the connection whose answer made no progress").isFalse();
  }

  @Test
  void holdEnded_answerWritten_connectionStaysOpenForTheNextPoll() {
    long polled = pollWaits();
    advanceTo(polled + HOLD.minusMillis(5).toNanos());

    RequestTimeoutHandler.waitEnded(channel);
    channel.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT));
    channel.flush();
    socket.complete();
    advance(Duration.ofSeconds(20)); // the next poll is due within the request timeout (30 s)

    assertThat(channel.isOpen()).isTrue();
  }

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
  }

  /**
   * An agent's poll arrives and waits, as {@code RequestRouter} makes it wait; when, on the
   * channel's clock.
   */
  private long pollWaits() {
    long now = now();
    channel.writeInbound(
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, ServerPaths.WAKEUP));
    channel.attr(RequestRouter.WAITING).set(Boolean.TRUE);
    return now;
  }

  private long now() {
    return clock.nanoTime();
  }

  private void advanceTo(long nanos) {
    advance(Duration.ofNanos(nanos - now()));
  }

  private void advance(Duration by) {
    long step = TimeUnit.MILLISECONDS.toNanos(10);
    for (long left = by.toNanos(); left > 0; left -= step) {
      clock.advance(Math.min(step, left), TimeUnit.NANOSECONDS);
      channel.runScheduledPendingTasks();
      channel.runPendingTasks();
    }
  }

  /** The socket: holds each write in flight until {@link #complete()}. */
  private static final class HeldWrites extends ChannelOutboundHandlerAdapter {
    private ChannelPromise inFlight;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      ReferenceCountUtil.release(msg);
      inFlight = promise;
    }

    void complete() {
      inFlight.setSuccess();
    }
  }
}
