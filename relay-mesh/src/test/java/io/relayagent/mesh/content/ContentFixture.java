package io.relayagent.mesh.content;

import io.relayagent.sitelist.FtpSite;
import io.relayagent.sitelist.HttpSite;
import io.relayagent.sitelist.Site;
import io.relayagent.sitelist.SiteList;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.sitelist.SpipeSite;
import io.relayagent.testkit.FakeUpstream;
import io.relayagent.testkit.MutableClock;
import io.relayagent.trust.Credential;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFileException;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A relay's content cache wired to a real HTTPS upstream: the SiteList names the upstream as the
 * HttpSite "Repo" (RelativePath {@code Software/Current}) and the SpipeSite "ePO"; "Old" is a
 * disabled HttpSite and "Ftp" an FTP site at the same server, neither usable for content. Its
 * certificates come from the one {@link LoopbackPki}, made beside the cache directory.
 */
final class ContentFixture implements AutoCloseable {

  static final String REPO_PREFIX = "/Software/Current/";

  static final String RELAY = "relay-1";
  static final String UPSTREAM = "upstream";

  /** An upstream that proves the role of a relay, not of a server. */
  static final String IMPOSTOR = "upstream-relay";

  final LoopbackPki pki;
  final FakeUpstream upstream;
  final MutableClock clock = new MutableClock();
  final AtomicReference<SiteLists> siteLists = new AtomicReference<>();
  final Path directory;

  ContentFixture(Path directory) throws IOException, TrustFileException {
    this.directory = directory;
    this.pki =
        LoopbackPki.create(
                directory.resolveSibling("pki"), "CN=Content tests CA,O=Relay Agent tests")
            .issue(Role.RELAY, RELAY)
            .issue(Role.SERVER, UPSTREAM)
            .issue(Role.RELAY, IMPOSTOR);
    this.upstream = FakeUpstream.startTls(FakeUpstream.Mode.ANSWERS, upstreamTls(UPSTREAM));
    siteLists.set(siteListsFor(upstream.port()));
  }

  /**
   * A cache over {@link #directory} with short timeouts, as configured by {@code settings}. The
   * connect timeout covers the first TLS handshake of a fresh JVM as well, which took over 2 s on a
   * loaded two-core machine; no test here waits for it to expire (refused ports fail at once, a
   * silent upstream meets the headers timeout).
   */
  ContentCache openCache(long quotaBytes, UnaryOperator<ContentCacheBuilder> settings)
      throws IOException {
    ContentCacheBuilder builder =
        ContentCache.builder(directory, quotaBytes)
            .siteLists(siteLists::get)
            .trust(relayMaterial())
            .clock(clock)
            .connectTimeout(Duration.ofSeconds(10))
            .headersTimeout(Duration.ofSeconds(5))
            .idleTimeout(Duration.ofSeconds(5));
    return settings.apply(builder).open();
  }

  ContentCache openCache(long quotaBytes) throws IOException {
    return openCache(quotaBytes, UnaryOperator.identity());
  }

  /** What the relay holds: its own certificate and the CA. */
  TrustMaterial relayMaterial() throws IOException {
    try {
      return pki.material(RELAY);
    } catch (TrustFileException e) {
      throw new IOException(e);
    }
  }

  /** What an agent trusts, to check the relay. */
  JdkClientTls agentTls() throws TrustFileException {
    return TlsContexts.forJdkClient(pki.trustOnly(), Role.RELAY);
  }

  /** The server side of TLS for an upstream that proves itself with {@code name}. */
  SSLContext upstreamTls(String name) throws IOException {
    Credential identity = identityOf(name);
    return FakeUpstream.serverTls(identity.privateKey(), identity.chain());
  }

  private Credential identityOf(String name) throws IOException {
    try {
      return pki.material(name).identity().orElseThrow();
    } catch (TrustFileException e) {
      throw new IOException(e);
    }
  }

  /** Puts {@code content} upstream at the repository path {@code path}. */
  void publish(String path, byte[] content) {
    upstream.put(REPO_PREFIX + path, content);
  }

  int upstreamRequests(String path) {
    return upstream.requests(REPO_PREFIX + path);
  }

  static SiteLists siteListsFor(int port) {
    SiteList list = new SiteList();
    list.setName("relay");
    list.setDefault(true);
    list.addSite(site(new HttpSite(), "Repo", port, "Software/Current", true));
    list.addSite(site(new SpipeSite(), "ePO", port, null, true));
    list.addSite(site(new HttpSite(), "Old", port, "Software/Current", false));
    list.addSite(site(new FtpSite(), "Ftp", port, "Software/Current", true));
    SiteLists lists = new SiteLists();
    lists.addSiteList(list);
    return lists;
  }

  private static Site site(Site site, String name, int port, String relative, boolean enabled) {
    site.setName(name);
    site.setServer("127.0.0.1:" + port);
    site.setRelativePath(relative);
    site.setEnabled(enabled);
    return site;
  }

  /** Every file in the cache directory. */
  List<Path> files() {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The total size of every file in the cache directory. */
  long bytesOnDisk() {
    return files().stream()
        .mapToLong(
            file -> {
              try {
                return Files.size(file);
              } catch (IOException e) {
                return 0; // deleted meanwhile
              }
            })
        .sum();
  }

  @Override
  public void close() throws IOException {
    upstream.close();
  }
}
