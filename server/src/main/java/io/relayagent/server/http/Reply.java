package io.relayagent.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.stream.ChunkedInput;
import java.util.concurrent.CompletableFuture;

/**
 * An answer to one request: whole in memory, a head followed by a streamed body (a file), or one
 * that comes later (a long poll that waits for an event).
 */
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

  /**
   * An answer that is not known yet: the connection waits, with no worker thread held, until {@code
   * answer} completes. If the connection closes first, {@code answer} is cancelled, so the one that
   * would complete it learns that nobody waits any more.
   */
  record Deferred(CompletableFuture<Full> answer) implements Reply {
    /** The head of the answer once there is one; before, there is nothing to log or write. */
    @Override
    public HttpResponse head() {
      Full full = answer.getNow(null);
      if (full == null) {
        throw new IllegalStateException("the deferred answer is not there yet");
      }
      return full.head();
    }

    @Override
    public void discard() {
      if (!answer.cancel(false)) {
        answer.thenAccept(Full::discard);
      }
    }
  }
}
