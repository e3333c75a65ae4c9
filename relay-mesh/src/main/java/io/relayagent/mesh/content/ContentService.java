package io.relayagent.mesh.content;

import io.netty.channel.ChannelHandler;

/**
 * The relay's content cache as the tunnel listener sees it: the listener's request router hands
 * every {@code GET} (or {@code HEAD}) of {@code /content/<site>/<path>} to a handler made here.
 *
 * <p>The router has already decoded the request head with Netty's HTTP codec (bounded sizes and a
 * head timeout) and checked nothing else; the handler answers on the same connection (keep-alive
 * allowed) and owns every {@code HttpObject} the router passes on after the head.
 */
public interface ContentService {

  /** A handler for one connection's content requests. */
  ChannelHandler newRequestHandler();
}
