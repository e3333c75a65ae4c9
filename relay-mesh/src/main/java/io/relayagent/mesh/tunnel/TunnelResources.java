package io.relayagent.mesh.tunnel;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a {@link TunnelServer} owns: event loops for both listeners and all tunnels, and a
 * small pool for blocking name lookups, which must never run on an event loop.
 *
 * @param blocking lookups of site and proxy names; bounded, so a dead DNS server makes CONNECTs
 *     fail with 502 instead of piling up threads
 */
record TunnelResources(NettyTransport transport, EventLoopGroup group, ExecutorService blocking) {

  private static final int LOOKUP_THREADS = 4;
  private static final int LOOKUP_QUEUE = 1024;

  static TunnelResources create() {
    NettyTransport transport = NettyTransport.best();
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor blocking =
        new ThreadPoolExecutor(
            LOOKUP_THREADS,
            LOOKUP_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(LOOKUP_QUEUE),
            runnable -> {
              Thread thread = new Thread(runnable, "tunnel-lookup-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    blocking.allowCoreThreadTimeOut(true);
    return new TunnelResources(transport, transport.newGroup(0, "tunnel"), blocking);
  }

  void shutdown() {
    blocking.shutdownNow();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
