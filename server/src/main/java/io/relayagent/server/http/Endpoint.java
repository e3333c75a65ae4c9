package io.relayagent.server.http;

import java.io.IOException;

/** The paths under one prefix ({@code /agent/}, {@code /repo/}, {@code /admin/}). */
public interface Endpoint {

  /**
   * Answers one request.
   *
   * @throws HttpProblem for a request refused with a 4xx answer
   * @throws IOException when storage fails; answered {@code 500}, and nothing is acknowledged
   */
  Reply handle(ApiRequest request) throws HttpProblem, IOException;
}
