package io.relayagent.server.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.relayagent.protocol.ErrorReply;
import io.relayagent.protocol.json.ProtocolJson;

/** Builds the whole answers of the server: JSON, documents, empty ones and errors. */
public final class Replies {
  public static final String JSON = "application/json";

  private Replies() {}

  /** {@code value}, a message's record, as JSON. */
  public static Reply.Full json(HttpResponseStatus status, Object value) {
    return bytes(status, JSON, ProtocolJson.write(value));
  }

  public static Reply.Full bytes(HttpResponseStatus status, String contentType, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return new Reply.Full(response);
  }

  /** {@code 204}, {@code 304}: no body, and no {@code Content-Length} either. */
  public static Reply.Full empty(HttpResponseStatus status) {
    return new Reply.Full(
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER));
  }

  public static Reply.Full error(HttpResponseStatus status, String message) {
    return json(status, new ErrorReply(message));
  }

  public static Reply.Full problem(HttpProblem problem) {
    Reply.Full reply = error(problem.status(), problem.getMessage());
    problem.headers().forEach((name, value) -> reply.response().headers().set(name, value));
    return reply;
  }
}
