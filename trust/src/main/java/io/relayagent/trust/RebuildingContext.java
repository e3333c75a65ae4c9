package io.relayagent.trust;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSessionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A context over a {@link LiveTrust} that starts afresh whenever the trust changes. The identity,
 * roots and CRLs are read live anyway; what must not survive a change is the session cache: a
 * client's session made before it enrolled (no client certificate) or renewed would be resumed and
 * the server would see the old identity, or none; a server's sessions and tickets would hand
 * resuming clients its previous certificate after it was replaced (a root rollover), and a client
 * would check the server's new signatures against the old certificate.
 */
final class RebuildingContext extends SslContext {
  private static final Logger log = LoggerFactory.getLogger(RebuildingContext.class);

  /** Builds one context; throws what building throws. */
  interface Builder {
    SslContext build() throws SSLException;
  }

  private volatile SslContext current;

  RebuildingContext(LiveTrust trust, Builder builder) throws SSLException {
    this.current = builder.build();
    trust.addListener(
        changed -> {
          try {
            current = builder.build();
          } catch (SSLException e) {
            log.error("cannot rebuild a TLS context after a trust change; keeping the old", e);
          }
        });
  }

  private SslContext now() {
    return current;
  }

  @Override
  public boolean isClient() {
    return now().isClient();
  }

  @Override
  public List<String> cipherSuites() {
    return now().cipherSuites();
  }

  @Override
  @SuppressWarnings("deprecation") // abstract in SslContext: it must be implemented
  public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
    return now().applicationProtocolNegotiator();
  }

  @Override
  public SSLEngine newEngine(ByteBufAllocator alloc) {
    return now().newEngine(alloc);
  }

  @Override
  public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
    return now().newEngine(alloc, peerHost, peerPort);
  }

  @Override
  public SSLSessionContext sessionContext() {
    return now().sessionContext();
  }

  @Override
  protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls) {
    return now().newHandler(alloc);
  }

  @Override
  public SslHandler newHandler(ByteBufAllocator alloc, Executor delegatedTaskExecutor) {
    return now().newHandler(alloc, delegatedTaskExecutor);
  }

  @Override
  protected SslHandler newHandler(
      ByteBufAllocator alloc, boolean startTls, Executor delegatedTaskExecutor) {
    return now().newHandler(alloc, delegatedTaskExecutor);
  }

  @Override
  protected SslHandler newHandler(
      ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls) {
    return now().newHandler(alloc, peerHost, peerPort);
  }

  @Override
  public SslHandler newHandler(
      ByteBufAllocator alloc, String peerHost, int peerPort, Executor delegatedTaskExecutor) {
    return now().newHandler(alloc, peerHost, peerPort, delegatedTaskExecutor);
  }

  @Override
  protected SslHandler newHandler(
      ByteBufAllocator alloc,
      String peerHost,
      int peerPort,
      boolean startTls,
      Executor delegatedTaskExecutor) {
    return now().newHandler(alloc, peerHost, peerPort, delegatedTaskExecutor);
  }
}
