package io.relayagent.mesh.tunnel;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The TCP transport the tunnel runs on: native epoll where it loads (Linux), NIO elsewhere. Event
 * loops and channels must come from the same transport, so both are chosen here, once, with the
 * options every channel of the relay's data path uses.
 *
 * @param name "epoll" or "nio", for the log
 * @param dataPath the channels' allocator, read sizes and water mark
 */
record NettyTransport(
    String name,
    IoHandlerFactory ioHandlerFactory,
    Class<? extends ServerChannel> serverChannelClass,
    Class<? extends SocketChannel> socketChannelClass,
    TunnelDataPath dataPath) {

  /** Epoll if available, else NIO. */
  static NettyTransport best() {
    if (Epoll.isAvailable()) {
      return new NettyTransport(
          "epoll",
          EpollIoHandler.newFactory(),
          EpollServerSocketChannel.class,
          EpollSocketChannel.class,
          new TunnelDataPath());
    }
    return new NettyTransport(
        "nio",
        NioIoHandler.newFactory(),
        NioServerSocketChannel.class,
        NioSocketChannel.class,
        new TunnelDataPath());
  }

  /** A group of {@code threads} event loops (0 for Netty's default) with named daemon threads. */
  EventLoopGroup newGroup(int threads, String threadName) {
    // Daemon threads: a relay that forgets to drain must not keep the agent's JVM alive.
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory(threadName, true), ioHandlerFactory);
  }
}
