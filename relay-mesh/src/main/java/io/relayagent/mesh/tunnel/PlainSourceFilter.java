package io.relayagent.mesh.tunnel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.relayagent.config.PlainProxyPolicy;
import io.relayagent.sitelist.IpLiterals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which sources the plain-HTTP listener serves: only the networks its policy names. Others are
 * closed at accept, without a word, and logged once per source an hour, so that a scanner cannot
 * flood the log.
 */
final class PlainSourceFilter {

  private static final Logger log = LoggerFactory.getLogger(PlainSourceFilter.class);

  private final PlainProxyPolicy policy;
  private final Cache<InetAddress, Boolean> logged =
      Caffeine.newBuilder()
          .maximumSize(10_000)
          .expireAfterWrite(Duration.ofHours(1))
          .executor(Runnable::run)
          .build();

  PlainSourceFilter(PlainProxyPolicy policy) {
    this.policy = policy;
  }

  /** Whether a connection from {@code remote} may use the plain listener; logs a refusal once. */
  boolean admits(SocketAddress remote) {
    if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
      return false;
    }
    InetAddress source = inet.getAddress();
    if (policy.allows(source)) {
      return true;
    }
    if (logged.asMap().putIfAbsent(source, Boolean.TRUE) == null) {
      log.warn(
          "plain proxy listener: closed a connection from {}, outside the allowed networks {}"
              + " (further ones from this source are not logged for an hour)",
          IpLiterals.format(source),
          policy.allowedNetworks());
    }
    return false;
  }
}
