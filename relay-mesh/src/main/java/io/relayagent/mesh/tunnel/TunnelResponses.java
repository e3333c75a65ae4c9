package io.relayagent.mesh.tunnel;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Every answer the listener gives before a tunnel opens (see docs/tunnel-protocol.md): the {@code
 * 200} that opens a tunnel, and refusals with their reason as a one-line text body ({@link
 * Refusals} sends and logs them); and how requests and timeouts are written in logs.
 */
final class TunnelResponses {

  static final HttpResponseStatus CONNECTION_ESTABLISHED =
      new HttpResponseStatus(200, "Connection established");

  private static final int MAX_LOGGED_CHARS = 200;

  private TunnelResponses() {}

  /** The 200 to a CONNECT: no Content-Length and no body, as RFC 9110 asks for a tunnel. */
  static FullHttpResponse established() {
    return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, CONNECTION_ESTABLISHED);
  }

  /** A refusal: {@code status} with {@code reason} as a one-line text body, then close. */
  static FullHttpResponse refusal(HttpResponseStatus status, String reason) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            Unpooled.copiedBuffer(reason + "\n", StandardCharsets.UTF_8));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return response;
  }

  /** The request line as the log shows it: printable ASCII only, shortened. */
  static String describe(HttpRequest request) {
    return printable(request.method().name() + " " + request.uri());
  }

  /** {@code text} with every character outside printable ASCII escaped, shortened. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < text.length() && out.length() < MAX_LOGGED_CHARS; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\x%02x", (int) c & 0xff));
      }
    }
    return i < text.length() ? out + "..." : out.toString();
  }

  /** "10 s" or "500 ms": a timeout as reasons and logs give it. */
  static String format(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }
}
