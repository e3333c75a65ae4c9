package io.relayagent.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.json.JsonException;
import io.relayagent.json.JsonReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Reads a request body as one JSON object, strictly: UTF-8, bounded, {@code application/json}. */
public final class JsonBodies {
  private JsonBodies() {}

  /**
   * The body's JSON object.
   *
   * @param maxBytes the largest body this path takes ({@code 413} beyond)
   * @throws HttpProblem {@code 413}, {@code 415} or {@code 400} naming what is wrong
   */
  public static Map<String, Object> object(FullHttpRequest request, int maxBytes)
      throws HttpProblem {
    String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    String mediaType = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
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
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(request.content().nioBuffer())
              .toString();
    } catch (CharacterCodingException e) {
      throw HttpProblem.badRequest("the body is not valid UTF-8");
    }
    try {
      return JsonReader.parseObject(text, maxBytes);
    } catch (JsonException e) {
      throw HttpProblem.badRequest("the body is not a valid JSON object: " + e.getMessage());
    }
  }
}
