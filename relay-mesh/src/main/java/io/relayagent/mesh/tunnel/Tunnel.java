package io.relayagent.mesh.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.relayagent.sitelist.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open tunnel: the agent's connection (frontend) and the upstream one (backend), both on the
 * same event loop, so this needs no locks.
 *
 * <p>Backpressure from writability: both sides read on their own (auto-read), and what one side
 * reads is written to the other and flushed once per batch of reads ({@link #readComplete}). When
 * the other side has more than the high water mark waiting ({@link TunnelDataPath}), the reading
 * side stops; it reads again when the other side drains below the low mark ({@link
 * #writabilityChanged}). A slow reader therefore stops the relay from reading its peer, and the
 * peer's TCP window closes; the relay holds at most the high mark plus one read per direction.
 * Reading the next chunk while the last one is still being written, and one flush (one batch of TLS
 * records, one {@code writev}) per batch of reads, is what this buys over reading one chunk at a
 * time.
 *
 * <p>Half-close: end of input on one side (a FIN, or the agent's TLS close_notify) is passed on
 * once every byte before it is written: the other side's output is shut down (on the agent's TLS
 * leg, close_notify then FIN), and the other direction keeps flowing. The tunnel closes when both
 * directions have ended, when either side closes or fails, or on the idle timeout.
 */
final class Tunnel {

  private static final Logger log = LoggerFactory.getLogger(Tunnel.class);

  private final Channel frontend;
  private final Channel backend;
  private final HostPort target;
  private final TunnelCounters counters;
  private final ChannelFutureListener onWritten = this::written;
  private boolean frontendEnded;
  private boolean backendEnded;

  Tunnel(Channel frontend, Channel backend, HostPort target, TunnelCounters counters) {
    this.frontend = frontend;
    this.backend = backend;
    this.target = target;
    this.counters = counters;
  }

  Channel backend() {
    return backend;
  }

  /** Starts reading both sides. */
  void start() {
    if (!backend.isActive()) {
      closeAfterFlush(frontend);
      return;
    }
    // What the agent sent right after its head was forwarded before this, without a flush.
    backend.flush();
    frontend.config().setAutoRead(true);
    backend.config().setAutoRead(true);
  }

  /**
   * Writes what {@code from} read to the other side, unflushed; stops reading {@code from} while
   * the other side has too much waiting.
   */
  void forward(Channel from, Object message) {
    Channel to = peer(from);
    if (!to.isActive()) {
      ReferenceCountUtil.release(message);
      return;
    }
    if (message instanceof ByteBuf chunk) {
      // One add per chunk read (up to a few hundred KiB), on this tunnel's event loop: no lock.
      if (from == frontend) {
        counters.carriedFromAgent(chunk.readableBytes());
      } else {
        counters.carriedToAgent(chunk.readableBytes());
      }
    }
    to.write(message).addListener(onWritten);
    if (!to.isWritable()) {
      from.config().setAutoRead(false);
    }
  }

  /** {@code from} has read all it had for now: flush what it read to the other side. */
  void readComplete(Channel from) {
    Channel to = peer(from);
    if (to.isActive()) {
      to.flush();
    }
  }

  /** {@code which} drained below the low water mark, or filled above the high one. */
  void writabilityChanged(Channel which) {
    Channel other = peer(which);
    if (which.isWritable() && !ended(other) && other.isActive()) {
      other.config().setAutoRead(true);
    }
  }

  /** {@code from} will send nothing more. */
  void inputEnded(Channel from) {
    if (ended(from)) {
      return;
    }
    if (from == frontend) {
      frontendEnded = true;
    } else {
      backendEnded = true;
    }
    if (frontendEnded && backendEnded) {
      closeAfterFlush(frontend);
      closeAfterFlush(backend);
    } else {
      shutdownOutputAfterFlush(peer(from));
    }
  }

  /** {@code which} closed: close the other side once what it still has to write is written. */
  void closed(Channel which) {
    closeAfterFlush(peer(which));
  }

  private void written(ChannelFuture write) {
    if (!write.isSuccess()) {
      log.debug("tunnel to {}: write failed: {}", target, write.cause().toString());
      close();
    }
  }

  /** Closes both sides at once (after an error). */
  void close() {
    frontend.close();
    backend.close();
  }

  static void closeAfterFlush(Channel channel) {
    if (channel.isActive()) {
      channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static void shutdownOutputAfterFlush(Channel channel) {
    if (!channel.isActive()) {
      return;
    }
    channel
        .writeAndFlush(Unpooled.EMPTY_BUFFER)
        .addListener(
            (ChannelFuture flushed) -> {
              if (!flushed.isSuccess()) {
                channel.close();
                return;
              }
              SslHandler tls = channel.pipeline().get(SslHandler.class);
              if (tls == null) {
                shutdownOutput(channel);
              } else {
                tls.closeOutbound().addListener(closeNotifySent -> shutdownOutput(channel));
              }
            });
  }

  private static void shutdownOutput(Channel channel) {
    if (channel instanceof DuplexChannel duplex && channel.isActive()) {
      duplex.shutdownOutput();
    } else {
      channel.close();
    }
  }

  private Channel peer(Channel channel) {
    return channel == frontend ? backend : frontend;
  }

  private boolean ended(Channel channel) {
    return channel == frontend ? frontendEnded : backendEnded;
  }
}
