package io.relayagent.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the server refuses: answered with {@code status} and {@code {"error": message}}. The
 * message is for the client's log, so it names what was wrong and never echoes secrets.
 */
public final class HttpProblem extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final transient HttpResponseStatus status;
  private final transient Map<String, String> headers = new LinkedHashMap<>();

  public HttpProblem(HttpResponseStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public static HttpProblem badRequest(String message) {
    return new HttpProblem(HttpResponseStatus.BAD_REQUEST, message);
  }

  public static HttpProblem notFound(String message) {
    return new HttpProblem(HttpResponseStatus.NOT_FOUND, message);
  }

  /** {@code 405}, with the {@code Allow} header listing what the path does take. */
  public static HttpProblem methodNotAllowed(String allowed) {
    return new HttpProblem(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed")
        .withHeader("Allow", allowed);
  }

  public HttpProblem withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public HttpResponseStatus status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
