package io.relayagent.server.console;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.server.http.Replies;
import io.relayagent.server.http.Reply;

/**
 * The console's answers, each with the headers that keep a browser strict: a Content Security
 * Policy that allows no script, no frame and nothing from elsewhere (only this server's style
 * sheet), no MIME sniffing, no framing, no referrer (a login link must not leak), no caching.
 */
final class ConsoleReplies {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none';"
          + " base-uri 'none'";
  static final String HTML = "text/html; charset=utf-8";

  private ConsoleReplies() {}

  static Reply.Full page(HttpResponseStatus status, HtmlPage page) {
    return strict(Replies.bytes(status, HTML, page.bytes()));
  }

  static Reply.Full styleSheet(byte[] css) {
    Reply.Full reply = strict(Replies.bytes(HttpResponseStatus.OK, "text/css; charset=utf-8", css));
    // The style sheet holds nothing secret: let the browser keep it for a while.
    reply.response().headers().set(HttpHeaderNames.CACHE_CONTROL, "max-age=3600");
    return reply;
  }

  /** {@code 303 See Other} to a console path (after a login or a logout). */
  static Reply.Full redirect(String path) {
    Reply.Full reply = strict(Replies.empty(HttpResponseStatus.SEE_OTHER));
    reply.response().headers().set(HttpHeaderNames.LOCATION, path);
    reply.response().headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    return reply;
  }

  private static Reply.Full strict(Reply.Full reply) {
    HttpHeaders headers = reply.response().headers();
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    return reply;
  }
}
