package io.relayagent.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.util.Locale;

/**
 * Reads a request body as one message, strictly: {@code application/json}, bounded, valid UTF-8,
 * and whatever the message's record requires ({@link ProtocolJson}).
 */
public final class JsonBodies {
  private JsonBodies() {}

  /**
   * The body as a {@code type}.
   *
   * @param maxBytes the largest body this path takes ({@code 413} beyond)
   * @throws HttpProblem {@code 413}, {@code 415} or {@code 400} naming what is wrong
   */
  public static <T> T read(FullHttpRequest request, int maxBytes, Class<T> type)
      throws HttpProblem {
    String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals(Replies.JSON)) {
      throw new HttpProblem(
          HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
    }
    int length = request.content().readableBytes();
    if (length > maxBytes) {
      throw new HttpProblem(
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          "the body has " + length + " bytes; at most " + maxBytes + " are taken here");
    }
    try {
      return ProtocolJson.read(ByteBufUtil.getBytes(request.content()), maxBytes, type);
    } catch (MalformedJsonException e) {
      throw HttpProblem.badRequest(e.getMessage());
    }
  }
}
