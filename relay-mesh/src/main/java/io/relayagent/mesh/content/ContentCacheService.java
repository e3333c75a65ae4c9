package io.relayagent.mesh.content;

import io.netty.channel.ChannelHandler;
import java.util.Objects;

/**
 * The content cache as the tunnel listener mounts it: each connection's {@code /content/} requests
 * go to a handler that serves them from {@link ContentCache}.
 *
 * <pre>{@code
 * ContentService content = new ContentCacheService(cache);
 * // in the router, for GET or HEAD of /content/...:
 * pipeline.addLast(content.newRequestHandler());
 * }</pre>
 */
public final class ContentCacheService implements ContentService {

  private final ContentCache cache;

  public ContentCacheService(ContentCache cache) {
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  @Override
  public ChannelHandler newRequestHandler() {
    return new ContentRequestHandler(cache);
  }
}
