package io.relayagent.mesh.tunnel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.mesh.logging.CappedLog;
import io.relayagent.sitelist.IpLiterals;
import java.util.Objects;

/**
 * Refuses a request, counts it by reason ({@link TunnelCounters}) and logs it: one line per refusal
 * (WARN for a 403, a policy refusal an administrator wants to see; INFO otherwise), under a cap
 * shared by the listener, because any client that can open a connection can cause one (a
 * plain-listener client asking for a host outside the SiteList, in a loop).
 */
final class Refusals {

  private final CappedLog lines;
  private final TunnelCounters counters;

  Refusals(CappedLog lines, TunnelCounters counters) {
    this.lines = Objects.requireNonNull(lines, "lines");
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  /**
   * Answers {@code status} with {@code reason} as the body and closes the connection once the
   * answer is flushed.
   *
   * @param request what the client asked, for the log ({@link TunnelResponses#describe}), or a
   *     short placeholder
   */
  void refuse(Channel channel, HttpResponseStatus status, String reason, String request) {
    counters.refused(status);
    if (status.code() == 403) {
      lines.warn(
          "refused {} from {}: {} [{}]",
          status.code(),
          IpLiterals.format(channel.remoteAddress()),
          reason,
          request);
    } else {
      lines.info(
          "refused {} from {}: {} [{}]",
          status.code(),
          IpLiterals.format(channel.remoteAddress()),
          reason,
          request);
    }
    channel
        .writeAndFlush(TunnelResponses.refusal(status, reason))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
