package io.relayagent.config;

/**
 * The relay's cache of repository content ({@code <relayServer><contentCache>}).
 *
 * @param quotaMiB the most disk space the cache may use, in MiB
 */
public record ContentCachePolicy(boolean enabled, int quotaMiB) {

  public static final int DEFAULT_QUOTA_MIB = 2048;

  public static ContentCachePolicy defaults() {
    return new ContentCachePolicy(true, DEFAULT_QUOTA_MIB);
  }

  /** The quota in bytes. */
  public long quotaBytes() {
    return (long) quotaMiB << 20;
  }
}
