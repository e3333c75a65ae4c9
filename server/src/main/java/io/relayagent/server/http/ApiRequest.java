package io.relayagent.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;

/**
 * One request as an endpoint sees it.
 *
 * @param path the request target's path, without the query
 * @param client the identity the client certificate proves; {@code null} on {@code /admin/} paths,
 *     which are authenticated by token instead, and on {@code /enroll/} when the client has no
 *     certificate (yet)
 * @param remote the address the connection came from (for an agent behind a relay, the relay's)
 */
public record ApiRequest(
    FullHttpRequest http, String path, ClientIdentity client, InetSocketAddress remote) {

  public HttpMethod method() {
    return http.method();
  }

  /** Whether the method is {@code GET} or {@code HEAD}, which every readable path takes. */
  public boolean isRead() {
    return HttpMethod.GET.equals(method()) || HttpMethod.HEAD.equals(method());
  }
}
