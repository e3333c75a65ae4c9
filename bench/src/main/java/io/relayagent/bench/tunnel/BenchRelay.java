package io.relayagent.bench.tunnel;

import io.netty.channel.epoll.Epoll;
import io.netty.handler.ssl.OpenSsl;
import io.relayagent.config.Cidr;
import io.relayagent.config.PlainProxyPolicy;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.config.RelayServerPolicy;
import io.relayagent.mesh.content.ContentCache;
import io.relayagent.mesh.content.ContentCacheService;
import io.relayagent.mesh.tunnel.TunnelServer;
import io.relayagent.mesh.tunnel.TunnelSettings;
import io.relayagent.sitelist.HttpSite;
import io.relayagent.sitelist.Site;
import io.relayagent.sitelist.SiteIndex;
import io.relayagent.sitelist.SiteList;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.sitelist.SpipeSite;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustMaterial;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The relay under test: the production {@link TunnelServer} (mutual-TLS listener, and the plain
 * listener for loopback) with its content cache, on 127.0.0.1. Its SiteList names nginx (an {@code
 * SpipeSite}, for CONNECT) and the cache benchmark's upstream (the {@code HttpSite} "bench", {@code
 * RelativePath} "files"). Prints which TLS provider and transport it uses, then {@code READY}, and
 * runs until it is sent SIGTERM.
 *
 * <pre>
 * java ... BenchRelay pki=DIR cache=DIR tlsPort=N plainPort=N maxConnections=N nginx=PORT
 *     upstream=PORT
 * </pre>
 */
public final class BenchRelay {
  static final String CONTENT_SITE = "bench";
  static final String CONTENT_PATH = "files";
  private static final long CACHE_QUOTA_BYTES = 512L << 20;

  private BenchRelay() {}

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    TrustMaterial relay = new BenchPki(Path.of(options.string("pki"))).material(BenchPki.RELAY);
    SiteLists sites =
        siteLists(
            site(new SpipeSite(), "nginx", "127.0.0.1:" + options.integer("nginx"), null),
            site(
                new HttpSite(),
                CONTENT_SITE,
                "127.0.0.1:" + options.integer("upstream"),
                CONTENT_PATH));
    SiteIndex index = SiteIndex.of(sites);
    TunnelSettings settings =
        TunnelSettings.from(RelayServerPolicy.defaults(), ProxyPolicy.defaults())
            .withBindAddress(InetAddress.getByName("127.0.0.1"))
            .withTlsPort(options.integer("tlsPort"))
            .withPlainProxy(
                new PlainProxyPolicy(
                    true, options.integer("plainPort"), List.of(Cidr.parse("127.0.0.0/8"))))
            .withMaxConnections(options.integer("maxConnections"));

    System.out.println(
        "relay: TLS provider "
            + TlsContexts.provider()
            + (OpenSsl.isAvailable()
                ? " (" + OpenSsl.versionString() + " through netty-tcnative)"
                : " (netty-tcnative unavailable: " + OpenSsl.unavailabilityCause() + ")")
            + "; transport "
            + (Epoll.isAvailable() ? "epoll" : "nio (epoll unavailable)")
            + "; max connections "
            + settings.maxConnections()
            + "; idle timeout "
            + settings.idleTimeout().toSeconds()
            + " s");

    ContentCache cache =
        ContentCache.builder(Path.of(options.string("cache")), CACHE_QUOTA_BYTES)
            .siteLists(() -> sites)
            .trust(relay)
            .open();
    TunnelServer server =
        TunnelServer.start(settings, relay, () -> index, new ContentCacheService(cache));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.drain(Duration.ofMillis(500));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  cache.close();
                  stopped.countDown();
                },
                "bench-relay-stop"));
    System.out.println(
        "READY tls="
            + server.tlsAddress().getPort()
            + " plain="
            + server.plainAddress().orElseThrow().getPort());
    System.out.flush();
    stopped.await();
  }

  private static Site site(Site site, String name, String server, String relativePath) {
    site.setName(name);
    site.setServer(server);
    site.setRelativePath(relativePath);
    site.setEnabled(true);
    return site;
  }

  private static SiteLists siteLists(Site... sites) {
    SiteList list = new SiteList();
    list.setName("bench");
    list.setDefault(true);
    for (Site site : sites) {
      list.addSite(site);
    }
    SiteLists lists = new SiteLists();
    lists.siteLists().add(list);
    return lists;
  }
}
