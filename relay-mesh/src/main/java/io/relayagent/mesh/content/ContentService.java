package io.relayagent.mesh.content;

import io.netty.channel.ChannelHandler;

/**
 * The relay's content cache as the tunnel listener sees it: the listener's request router hands
 * every {@code GET} (or {@code HEAD}) of {@code /content/<site>/<path>} to a handler made here.
 *
 * <p>The router has already decoded the request head with Netty's HTTP codec (bounded sizes and a
 * head timeout) and checked nothing else; the handler answers on the same connection (keep-alive
 * allowed) and owns every {@code HttpObject} the router passes on after the head.
 *
 * <p>What the handler made by {@link ContentCacheService} does with that, so the router can rely on
 * it: it adds a {@code ChunkedWriteHandler} in front of itself if the pipeline has none; it answers
 * every {@code HttpRequest} that reaches it, in order (pipelined ones wait in a short queue),
 * including requests that are not {@code GET}/{@code HEAD} ({@code 405}) or not under {@code
 * /content/} ({@code 400}); it releases every message; it closes the connection after an answer
 * when the request asked for that ({@code Connection: close}, HTTP/1.0 without keep-alive) or when
 * a write failed, and otherwise stays for the next request. The wire format is in {@code
 * docs/content-protocol.md}.
 */
public interface ContentService {

  /** A handler for one connection's content requests. */
  ChannelHandler newRequestHandler();
}
