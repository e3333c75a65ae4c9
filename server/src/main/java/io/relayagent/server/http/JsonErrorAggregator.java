package io.relayagent.server.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator, bounded to the largest body the server takes, whose {@code 413} answers carry
 * the same {@code {"error": ...}} body as every other refusal. What happens to the connection is
 * Netty's logic: a client that announced an oversized body with {@code Expect: 100-continue} is
 * refused before it sends it and may go on; one that is already sending it is answered and, unless
 * it wants to keep the connection, disconnected.
 */
final class JsonErrorAggregator extends HttpObjectAggregator {
  private final int maxBodyBytes;

  JsonErrorAggregator(int maxBodyBytes) {
    super(maxBodyBytes);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline p) {
    Object answer = super.newContinueResponse(start, maxContentLength, p);
    if (answer instanceof FullHttpResponse response
        && response.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
      response.release();
      return tooLarge();
    }
    return answer;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    FullHttpResponse response = tooLarge();
    boolean close =
        oversized instanceof FullHttpMessage
            || (!HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized));
    if (close) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }
  }

  private FullHttpResponse tooLarge() {
    return Replies.error(
            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            "the body is larger than " + maxBodyBytes + " bytes")
        .response();
  }
}
