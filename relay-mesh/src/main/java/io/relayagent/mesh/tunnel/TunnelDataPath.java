package io.relayagent.mesh.tunnel;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.util.List;

/**
 * How the relay's connections read, buffer and allocate: one set of options for the listeners'
 * connections and the upstream ones alike, measured with {@code bench/tunnel.sh} (bench/README.md,
 * "Tunnel").
 *
 * <ul>
 *   <li>A pooled allocator of its own. Netty's default (adaptive) allocator runs in a low-memory
 *       mode when the heap is at most 512 MiB, as the launcher's is: there every buffer over about
 *       16 KiB, each socket read among them, is a fresh {@code ByteBuffer.allocateDirect} (zeroed,
 *       with a cleaner) and freed again. Two arenas of 4 MiB chunks, made on first use, cost the
 *       idle relay nothing.
 *   <li>Reads of up to 256 KiB, so that one read, one pass through the pipeline and one batch of
 *       TLS records carry more bytes.
 *   <li>A write-buffer water mark: a tunnel stops reading one side while the other has more than
 *       {@link #HIGH_WATER} bytes waiting and reads again below {@link #LOW_WATER} ({@link
 *       Tunnel}). The most a tunnel buffers per direction is the high mark plus one read.
 * </ul>
 */
final class TunnelDataPath {

  static final int LOW_WATER = 128 * 1024;
  static final int HIGH_WATER = 512 * 1024;
  static final int MAX_READ = 256 * 1024;

  private static final int MIN_READ = 2048;
  private static final int FIRST_READ = 16 * 1024;
  private static final int DIRECT_ARENAS = 2;
  private static final int PAGE_SIZE = 8192;
  // 8 KiB << 9: chunks of 4 MiB, Netty's default.
  private static final int MAX_ORDER = 9;
  private static final int SMALL_CACHE = 256;
  private static final int NORMAL_CACHE = 64;

  // RCVBUF_ALLOCATOR is deprecated in Netty 4.2 without a replacement; it still sets the read size.
  @SuppressWarnings("deprecation")
  private final List<Option<?>> options =
      List.of(
          new Option<>(
              ChannelOption.ALLOCATOR,
              new PooledByteBufAllocator(
                  true, 0, DIRECT_ARENAS, PAGE_SIZE, MAX_ORDER, SMALL_CACHE, NORMAL_CACHE, false)),
          new Option<>(
              ChannelOption.RCVBUF_ALLOCATOR,
              new AdaptiveRecvByteBufAllocator(MIN_READ, FIRST_READ, MAX_READ)),
          new Option<>(
              ChannelOption.WRITE_BUFFER_WATER_MARK,
              new WriteBufferWaterMark(LOW_WATER, HIGH_WATER)));

  /** The options for the connections a listener accepts. */
  ServerBootstrap applyToChildren(ServerBootstrap bootstrap) {
    options.forEach(option -> option.setOnChildren(bootstrap));
    return bootstrap;
  }

  /** The options for an upstream connection. */
  Bootstrap applyTo(Bootstrap bootstrap) {
    options.forEach(option -> option.setOn(bootstrap));
    return bootstrap;
  }

  /** One channel option with its value, typed so that either kind of bootstrap takes it. */
  private record Option<T>(ChannelOption<T> key, T value) {
    void setOn(Bootstrap bootstrap) {
      bootstrap.option(key, value);
    }

    void setOnChildren(ServerBootstrap bootstrap) {
      bootstrap.childOption(key, value);
    }
  }
}
