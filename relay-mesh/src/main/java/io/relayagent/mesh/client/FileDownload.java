package io.relayagent.mesh.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Streams one HTTP GET into a file as the bytes arrive, so that a transfer cut off half-way leaves
 * what arrived on disk and the next attempt (on the next relay) asks only for the rest with {@code
 * Range}. The body goes to disk, never into memory.
 *
 * <pre>{@code
 * FileDownload.Result r = FileDownload.start(channel, authority, path, partialFile, 5 s).get();
 * }</pre>
 */
public final class FileDownload extends SimpleChannelInboundHandler<HttpObject> {

  /**
   * @param status the HTTP status
   * @param appended whether the body was appended to what the file held (a 206 for our range)
   * @param complete whether the whole body arrived
   * @param reason the first line of an error answer's body (the relay's reason, at most {@link
   *     #MAX_REASON_BYTES} bytes); "" for a 200 or 206
   * @param cutBy what cut a 200 or 206 short (a read timeout, a reset); null if it is complete or
   *     the peer just closed the connection
   */
  public record Result(
      int status, boolean appended, boolean complete, String reason, Throwable cutBy) {}

  /** The most of an error answer's body kept as its reason: one line, as a relay writes it. */
  public static final int MAX_REASON_BYTES = 512;

  private final Path file;
  private final long have;
  private final CompletableFuture<Result> result = new CompletableFuture<>();
  private FileChannel out;
  private final Duration idleTimeout;
  private int status;
  private boolean appended;
  private final StringBuilder reason = new StringBuilder();
  private Throwable cutBy;

  private FileDownload(Path file, long have, Duration idleTimeout) {
    this.file = file;
    this.have = have;
    this.idleTimeout = idleTimeout;
  }

  /**
   * Sends {@code GET path} on a TLS-ready channel (its first and only exchange), asking for the
   * bytes after the {@code have} already in {@code file}.
   *
   * @param idleTimeout the transfer fails when nothing arrives for this long
   */
  public static CompletableFuture<Result> start(
      Channel channel, String authority, String path, Path file, long have, Duration idleTimeout) {
    FileDownload download = new FileDownload(file, have, idleTimeout);
    channel
        .pipeline()
        .addLast("idle", new ReadTimeoutHandler(idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
        .addLast("http", new HttpClientCodec())
        .addLast("download", download);
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
    request.headers().set(HttpHeaderNames.HOST, authority);
    request.headers().set(HttpHeaderNames.CONNECTION, "close");
    if (have > 0) {
      request.headers().set(HttpHeaderNames.RANGE, "bytes=" + have + "-");
    }
    channel
        .writeAndFlush(request)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                download.result.completeExceptionally(f.cause());
              }
            });
    return download.result.whenComplete((r, e) -> channel.close());
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) throws IOException {
    if (msg instanceof HttpResponse response) {
      status = response.status().code();
      appended = status == 206 && have > 0;
      if (status == 200 || status == 206) {
        out =
            appended
                ? FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                : FileChannel.open(
                    file,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
      }
    }
    if (msg instanceof HttpContent content) {
      if (out != null) {
        content.content().readBytes(out, content.content().readableBytes());
      } else if (reason.length() < MAX_REASON_BYTES) {
        int take = Math.min(content.content().readableBytes(), MAX_REASON_BYTES - reason.length());
        reason.append(
            content
                .content()
                .toString(content.content().readerIndex(), take, StandardCharsets.UTF_8));
      }
      if (msg instanceof LastHttpContent) {
        finish(true);
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    finish(false);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cutBy == null) {
      cutBy = cause;
    }
    finish(false);
    ctx.close();
  }

  private void finish(boolean complete) {
    try {
      if (out != null) {
        out.force(true);
        out.close();
        out = null;
      }
    } catch (IOException e) {
      result.completeExceptionally(e);
      return;
    }
    if (status == 0) {
      result.completeExceptionally(noResponse());
    } else {
      boolean ok = status == 200 || status == 206;
      String firstLine =
          ok ? "" : reason.toString().lines().map(String::strip).findFirst().orElse("");
      result.complete(
          new Result(status, appended, complete, firstLine, ok && !complete ? cutBy : null));
    }
  }

  /**
   * Why no answer came: the relay closed, nothing arrived in time (named, rather than "closed",
   * since it was this side that closed), or the connection failed.
   */
  private Throwable noResponse() {
    if (cutBy == null) {
      return new DroppedConnectionException("the connection closed before a response");
    }
    if (cutBy instanceof ReadTimeoutException) {
      return new IOException(
          "no response: nothing arrived for " + idleTimeout.toSeconds() + " s", cutBy);
    }
    return cutBy;
  }
}
