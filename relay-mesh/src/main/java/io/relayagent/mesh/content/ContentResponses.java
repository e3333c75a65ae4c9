package io.relayagent.mesh.content;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedNioFile;
import io.relayagent.protocol.http.RangeSelection;
import io.relayagent.protocol.http.ReprDigest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the answers of the content protocol: an object or a part of it from its file, through
 * {@code ChunkedWriteHandler} (the connection is TLS, so no zero-copy region), or a short error.
 */
final class ContentResponses {

  static final int CHUNK_SIZE = 16 * 1024;
  private static final int MAX_REASON_LENGTH = 200;

  private ContentResponses() {}

  /**
   * Sends {@code file} as {@code request} asks (whole, a range, or headers only) and takes over
   * closing it. Returns the future of the last write.
   */
  static ChannelFuture serve(
      ChannelHandlerContext ctx,
      HttpRequest request,
      ContentFile file,
      boolean keepAlive,
      ContentCounters counters) {
    CachedObject object = file.object();
    long length = object.length();
    boolean head = HttpMethod.HEAD.equals(request.method());
    // Range is defined for GET only (RFC 9110, 14.2); HEAD describes the whole object.
    RangeSelection selection =
        head
            ? RangeSelection.WHOLE
            : RangeSelection.of(
                request.headers().get(HttpHeaderNames.RANGE),
                request.headers().get(HttpHeaderNames.IF_RANGE),
                object.entityTag(),
                length);
    if (selection instanceof RangeSelection.Unsatisfiable) {
      file.close();
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              request.protocolVersion(),
              HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
              Unpooled.EMPTY_BUFFER);
      describe(response.headers(), object);
      response.headers().set(HttpHeaderNames.CONTENT_RANGE, RangeSelection.unsatisfied(length));
      HttpUtil.setContentLength(response, 0);
      HttpUtil.setKeepAlive(response, keepAlive);
      return ctx.writeAndFlush(response);
    }
    long first = 0;
    long count = length;
    HttpResponse response =
        new DefaultHttpResponse(request.protocolVersion(), HttpResponseStatus.OK);
    describe(response.headers(), object);
    if (selection instanceof RangeSelection.Part part) {
      first = part.first();
      count = part.length();
      response.setStatus(HttpResponseStatus.PARTIAL_CONTENT);
      response.headers().set(HttpHeaderNames.CONTENT_RANGE, part.contentRange(length));
    }
    HttpUtil.setContentLength(response, count);
    HttpUtil.setKeepAlive(response, keepAlive);
    ctx.write(response);
    if (head) {
      file.close();
      return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }
    try {
      long body = count;
      return ctx.writeAndFlush(
              new HttpChunkedInput(new ChunkedNioFile(file.channel(), first, count, CHUNK_SIZE)))
          .addListener(
              written -> {
                if (written.isSuccess()) {
                  counters.served(body);
                }
              });
    } catch (IOException e) {
      file.close();
      // The head is out already, so the only honest end is to close the connection.
      ctx.flush();
      return ctx.newFailedFuture(e);
    }
  }

  /** A short plain-text error; the connection stays open if {@code keepAlive}. */
  static ChannelFuture error(
      ChannelHandlerContext ctx,
      HttpRequest request,
      HttpResponseStatus status,
      String reason,
      boolean keepAlive) {
    String text =
        reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    boolean head = HttpMethod.HEAD.equals(request.method());
    ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    FullHttpResponse response =
        new DefaultFullHttpResponse(request.protocolVersion(), status, content);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
      response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
    }
    HttpUtil.setContentLength(response, body.length);
    HttpUtil.setKeepAlive(response, keepAlive);
    return ctx.writeAndFlush(response);
  }

  private static void describe(HttpHeaders headers, CachedObject object) {
    String type = object.headers().contentType();
    headers
        .set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES)
        .set(HttpHeaderNames.ETAG, object.entityTag())
        .set(ReprDigest.HEADER, object.reprDigest())
        .set(
            HttpHeaderNames.CONTENT_TYPE,
            type != null ? type : HttpHeaderValues.APPLICATION_OCTET_STREAM);
    if (object.headers().lastModified() != null) {
      headers.set(HttpHeaderNames.LAST_MODIFIED, object.headers().lastModified());
    }
  }
}
