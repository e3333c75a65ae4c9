package io.relayagent.mesh.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.relayagent.mesh.client.EnrollmentClient;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Serves the one request a connection without a client certificate may make, {@code POST
 * /enroll/v1/certificate}, once {@link RequestRouterHandler} has checked its head: reads its body
 * (of the length the head announced, within the body timeout), has {@link EnrollmentRelay} forward
 * it, writes the server's answer back and closes. Nothing the client sends after the body is read.
 */
final class EnrollmentRequestHandler extends ChannelInboundHandlerAdapter {

  private final EnrollmentRelay relay;
  private final int length;
  private final String described;
  private final Refusals refusals;
  private ByteBuf body;
  private boolean complete;
  private ScheduledFuture<?> timer;

  /**
   * @param length the request's Content-Length, at most {@link EnrollmentRelay#MAX_REQUEST_BYTES}
   */
  EnrollmentRequestHandler(EnrollmentRelay relay, int length, String described, Refusals refusals) {
    this.relay = relay;
    this.length = length;
    this.described = described;
    this.refusals = refusals;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    body = ctx.alloc().buffer(length);
    timer =
        ctx.executor()
            .schedule(
                () -> {
                  if (!complete) {
                    complete = true;
                    refusals.refuse(
                        ctx.channel(),
                        HttpResponseStatus.REQUEST_TIMEOUT,
                        "enrollment request body not complete within "
                            + TunnelResponses.format(relay.bodyTimeout()),
                        described);
                  }
                },
                relay.bodyTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (complete || msg instanceof HttpRequest || !(msg instanceof HttpContent content)) {
        // The head was checked by the router; anything after the body is never served.
        return;
      }
      if (content.decoderResult().isFailure()
          || body.readableBytes() + content.content().readableBytes() > length) {
        finish();
        refusals.refuse(
            ctx.channel(),
            HttpResponseStatus.BAD_REQUEST,
            "enrollment request body does not match its Content-Length",
            described);
        return;
      }
      body.writeBytes(content.content());
      if (content instanceof LastHttpContent) {
        finish();
        ctx.channel().config().setAutoRead(false);
        forward(ctx.channel());
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void forward(Channel channel) {
    byte[] json = ByteBufUtil.getBytes(body);
    relay
        .forward((InetSocketAddress) channel.remoteAddress(), json)
        .whenComplete(
            (answer, failure) ->
                channel
                    .eventLoop()
                    .execute(
                        () -> {
                          if (failure != null) {
                            refusals.refuse(
                                channel,
                                HttpResponseStatus.BAD_GATEWAY,
                                "enrollment not forwarded: " + EnrollmentRelay.describe(failure),
                                described);
                          } else {
                            answer(channel, answer);
                          }
                        }));
  }

  /** The server's status and body, as the server gave them; then the connection closes. */
  private static void answer(Channel channel, EnrollmentClient.Answer answer) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(answer.status()),
            Unpooled.wrappedBuffer(answer.body()));
    if (answer.contentType() != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
    }
    response
        .headers()
        .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    // A client that ends its side before its body is complete can never complete it.
    if (!complete && event == ChannelInputShutdownEvent.INSTANCE) {
      finish();
      ctx.close();
    }
    ReferenceCountUtil.release(event);
  }

  private void finish() {
    complete = true;
    timer.cancel(false);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
    }
    if (body != null) {
      body.release();
      body = null;
    }
  }
}
