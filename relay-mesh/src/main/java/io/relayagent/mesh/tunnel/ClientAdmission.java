package io.relayagent.mesh.tunnel;

import io.netty.channel.Channel;
import java.net.InetAddress;

/**
 * One client connection's standing against the relay's two budgets: from accept until its request
 * head is read it holds a place in the {@link PreAuthBudget}; at the head it leaves that budget and
 * the {@link ConnectionLimiter} decides whether it is served, answered 503, or closed. Whatever it
 * holds is given back when the connection closes. Used on the connection's event loop only.
 */
final class ClientAdmission {

  private final Channel channel;
  private final InetAddress source;
  private final PreAuthBudget preAuth;
  private final ConnectionLimiter limiter;
  private boolean inPreAuth = true;
  private boolean closed;
  private ConnectionLimiter.Admission admission;

  private ClientAdmission(
      Channel channel, InetAddress source, PreAuthBudget preAuth, ConnectionLimiter limiter) {
    this.channel = channel;
    this.source = source;
    this.preAuth = preAuth;
    this.limiter = limiter;
  }

  /**
   * The admission of a connection just accepted, or {@code null} if the pre-auth budget is full.
   */
  static ClientAdmission atAccept(
      Channel channel, InetAddress source, PreAuthBudget preAuth, ConnectionLimiter limiter) {
    if (!preAuth.tryAcquire(source)) {
      return null;
    }
    ClientAdmission admission = new ClientAdmission(channel, source, preAuth, limiter);
    channel.closeFuture().addListener(closed -> admission.released());
    return admission;
  }

  /** The head is in: the connection leaves the pre-auth budget and meets the connection limit. */
  ConnectionLimiter.Admission headRead() {
    if (closed) {
      return ConnectionLimiter.Admission.DROPPED;
    }
    if (admission == null) {
      leavePreAuth();
      admission = limiter.admit();
    }
    return admission;
  }

  private void released() {
    closed = true;
    leavePreAuth();
    if (admission != null) {
      limiter.release(admission);
      admission = null;
    }
  }

  private void leavePreAuth() {
    if (inPreAuth) {
      inPreAuth = false;
      preAuth.release(source);
    }
  }
}
