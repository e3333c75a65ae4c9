package io.relayagent.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Writes a {@link Reply}: decides keep-alive (the client's wish, unless the server must close), and
 * answers {@code HEAD} with the headers of {@code GET} and no body.
 */
final class ReplyWriter {
  private ReplyWriter() {}

  static ChannelFuture write(
      ChannelHandlerContext ctx, HttpMethod method, boolean keepAlive, Reply reply) {
    HttpResponse head = reply.head();
    if (!keepAlive) {
      head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (!head.protocolVersion().isKeepAliveDefault()) {
      head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    ChannelFuture done;
    if (HttpMethod.HEAD.equals(method)) {
      // The codec knows a HEAD answer has no body; Content-Length stays that of GET's body.
      FullHttpResponse bodiless =
          new DefaultFullHttpResponse(
              head.protocolVersion(),
              head.status(),
              Unpooled.EMPTY_BUFFER,
              head.headers(),
              EmptyHttpHeaders.INSTANCE);
      reply.discard();
      done = ctx.writeAndFlush(bodiless);
    } else if (reply instanceof Reply.Full full) {
      done = ctx.writeAndFlush(full.response());
    } else {
      Reply.Streamed streamed = (Reply.Streamed) reply;
      ctx.write(streamed.head());
      done = ctx.writeAndFlush(new HttpChunkedInput(streamed.body()));
    }
    if (!keepAlive) {
      done.addListener(ChannelFutureListener.CLOSE);
    }
    return done;
  }
}
