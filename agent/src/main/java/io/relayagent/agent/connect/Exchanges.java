package io.relayagent.agent.connect;

import io.netty.handler.codec.http.HttpMethod;
import io.relayagent.mesh.client.HttpSession;
import io.relayagent.protocol.ErrorReply;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One request and its answer over an ASCI's session, with the agent's bound on waiting. */
public final class Exchanges {
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final int MAX_ERROR_CHARS = 512;

  private Exchanges() {}

  /** Waits for {@code pending}; a failure is an {@link IOException} saying what happened. */
  public static HttpSession.Response await(CompletableFuture<HttpSession.Response> pending)
      throws IOException, InterruptedException {
    return await(pending, WAIT);
  }

  /** Waits for {@code pending} up to {@code wait} (a long poll waits longer than an ASCI). */
  public static HttpSession.Response await(
      CompletableFuture<HttpSession.Response> pending, Duration wait)
      throws IOException, InterruptedException {
    try {
      return pending.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io
          ? io
          : new IOException(e.getCause().toString(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("no answer from the server", e);
    }
  }

  /** {@code GET path}; the body of a 200, else an {@link IOException} naming the status. */
  public static byte[] get(HttpSession session, String path)
      throws IOException, InterruptedException {
    HttpSession.Response response = await(session.send(HttpMethod.GET, path, Map.of(), null));
    if (response.status() != 200) {
      throw new IOException("GET " + path + ": " + response.status() + reason(response));
    }
    return response.body();
  }

  /** {@code POST path} with a JSON body; the answer, whatever its status. */
  public static HttpSession.Response postJson(HttpSession session, String path, Object body)
      throws IOException, InterruptedException {
    return await(
        session.send(
            HttpMethod.POST,
            path,
            Map.of("content-type", "application/json"),
            ProtocolJson.write(body)));
  }

  /** ": the server's reason", from an {@link ErrorReply} body if there is one; else "". */
  public static String reason(HttpSession.Response response) {
    byte[] body = response.body();
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      return ": " + ProtocolJson.read(body, 64 * 1024, ErrorReply.class).error();
    } catch (MalformedJsonException e) {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      return text.isEmpty()
          ? ""
          : ": " + (text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) : text);
    }
  }
}
