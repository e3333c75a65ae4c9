package io.relayagent.trust;

import io.netty.channel.Channel;
import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.relayagent.sitelist.IpLiterals;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server context that checks the client's certificate again once each handshake is done. A TLS
 * session resumed from a ticket or a session cache skips the trust manager, so without this a host
 * revoked after its first connection could go on resuming until its session expired (a day with the
 * JDK's engine). The check is the same {@link ChainVerifier} the handshake used, against the trust
 * in force now; a refused client's connection is closed before it is used.
 */
final class RecheckingServerContext extends DelegatingSslContext {
  private static final Logger log = LoggerFactory.getLogger(RecheckingServerContext.class);

  private final ChainVerifier verifier;
  private final Role expectedClientRole;

  RecheckingServerContext(SslContext context, ChainVerifier verifier, Role expectedClientRole) {
    super(context);
    this.verifier = verifier;
    this.expectedClientRole = expectedClientRole;
  }

  @Override
  protected void initEngine(SSLEngine engine) {
    // nothing to change on the engine
  }

  @Override
  protected void initHandler(SslHandler handler) {
    handler
        .handshakeFuture()
        .addListener(
            done -> {
              if (done.isSuccess()) {
                recheck(handler, (Channel) done.getNow());
              }
            });
  }

  private void recheck(SslHandler handler, Channel channel) {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate certificate : handler.engine().getSession().getPeerCertificates()) {
        chain.add((X509Certificate) certificate);
      }
    } catch (SSLPeerUnverifiedException e) {
      return; // no client certificate (asked for, not required): the application decides
    }
    try {
      verifier.verify(chain, expectedClientRole);
    } catch (CertificateRejectedException e) {
      log.warn(
          "{}: TLS client refused after the handshake: {}",
          IpLiterals.format(channel.remoteAddress()),
          e.getMessage());
      channel.close();
    }
  }
}
