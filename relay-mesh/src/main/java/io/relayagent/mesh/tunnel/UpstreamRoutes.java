package io.relayagent.mesh.tunnel;

import io.netty.handler.proxy.HttpProxyHandler;
import io.relayagent.config.ProxyCredentials;
import io.relayagent.config.ProxyMode;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.sitelist.HostPort;
import io.relayagent.trust.PasswordFiles;
import io.relayagent.trust.TrustFileException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * How the relay reaches a site: directly, or through an HTTP proxy, after the OfficeScan agent's
 * proxy settings ({@link ProxyPolicy}): {@code none} is direct; {@code manual} uses the policy's
 * proxy, with Basic credentials whose password is read from its file once, here; {@code system}
 * asks the JVM's {@link ProxySelector} (system properties, or the OS settings with {@code
 * java.net.useSystemProxies}). Hosts on the bypass list always go direct.
 *
 * <p>Through a proxy, the proxy resolves the site's name: the relay sends it the canonical name
 * from its SiteList, never the agent's spelling.
 */
final class UpstreamRoutes {

  private final ProxyPolicy policy;
  private final HostResolver resolver;
  private final String user;
  private final String password;

  private UpstreamRoutes(ProxyPolicy policy, HostResolver resolver, String user, String password) {
    this.policy = policy;
    this.resolver = resolver;
    this.user = user;
    this.password = password;
  }

  /**
   * @throws IllegalArgumentException if the proxy password file cannot be read
   */
  static UpstreamRoutes of(ProxyPolicy policy, HostResolver resolver) {
    Optional<ProxyCredentials> credentials = policy.credentials();
    if (credentials.isEmpty()) {
      return new UpstreamRoutes(policy, resolver, null, null);
    }
    try {
      char[] password = PasswordFiles.read(credentials.get().passwordFile());
      return new UpstreamRoutes(policy, resolver, credentials.get().user(), new String(password));
    } catch (TrustFileException e) {
      throw new IllegalArgumentException("proxy password: " + e.getMessage(), e);
    }
  }

  /**
   * The proxy to reach {@code target} through, resolved, or empty to connect directly. Blocking:
   * call off the event loops.
   */
  Optional<InetSocketAddress> proxyFor(HostPort target) throws UnknownHostException {
    if (policy.bypasses(target.host())) {
      return Optional.empty();
    }
    return switch (policy.mode()) {
      case NONE -> Optional.empty();
      case MANUAL -> Optional.of(resolve(policy.server().orElseThrow()));
      case SYSTEM -> systemProxyFor(target);
    };
  }

  /** A handler that asks the proxy to open a tunnel to the destination the channel connects to. */
  HttpProxyHandler newProxyHandler(InetSocketAddress proxy) {
    // Credentials belong to the policy's own proxy, never to one the OS happens to name.
    return user != null && policy.mode() == ProxyMode.MANUAL
        ? new HttpProxyHandler(proxy, user, password)
        : new HttpProxyHandler(proxy);
  }

  private Optional<InetSocketAddress> systemProxyFor(HostPort target) throws UnknownHostException {
    URI uri;
    try {
      uri = new URI("https", null, target.host(), target.port(), null, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URI host: " + target, e);
    }
    for (Proxy proxy : ProxySelector.getDefault().select(uri)) {
      SocketAddress address = proxy.address();
      if (proxy.type() == Proxy.Type.HTTP && address instanceof InetSocketAddress inet) {
        return Optional.of(resolve(new HostPort(inet.getHostString(), inet.getPort())));
      }
      if (proxy.type() == Proxy.Type.DIRECT) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private InetSocketAddress resolve(HostPort proxy) throws UnknownHostException {
    return new InetSocketAddress(resolver.resolve(proxy.host())[0], proxy.port());
  }
}
