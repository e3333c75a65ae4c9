package io.relayagent.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.stream.ChunkedInput;

/** An answer to one request: whole in memory, or a head followed by a streamed body (a file). */
public sealed interface Reply {

  /** The response's status and headers (for logs and keep-alive decisions). */
  HttpResponse head();

  /** Frees what the reply holds when it will not be written. */
  void discard();

  record Full(FullHttpResponse response) implements Reply {
    @Override
    public HttpResponse head() {
      return response;
    }

    @Override
    public void discard() {
      response.release();
    }
  }

  /** A head with {@code Content-Length}, then {@code body}, which ends the response. */
  record Streamed(HttpResponse head, ChunkedInput<ByteBuf> body) implements Reply {
    @Override
    public void discard() {
      try {
        body.close();
      } catch (Exception e) {
        // Nothing was written; closing only frees the file handle.
      }
    }
  }
}
