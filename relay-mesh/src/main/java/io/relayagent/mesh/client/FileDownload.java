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
   */
  public record Result(int status, boolean appended, boolean complete) {}

  private final Path file;
  private final long have;
  private final CompletableFuture<Result> result = new CompletableFuture<>();
  private final Duration idleTimeout;
  private FileChannel out;
  private int status;
  private boolean appended;
  private Throwable failure;

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
    failure = cause;
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
      result.complete(new Result(status, appended, complete));
    }
  }

  /** Why no answer came: the relay closed, nothing arrived in time, or the connection failed. */
  private IOException noResponse() {
    if (failure == null) {
      return new IOException("the connection closed before a response");
    }
    if (failure instanceof ReadTimeoutException) {
      return new IOException(
          "no response: nothing arrived for " + idleTimeout.toSeconds() + " s", failure);
    }
    return new IOException("no response: " + failure, failure);
  }
}
