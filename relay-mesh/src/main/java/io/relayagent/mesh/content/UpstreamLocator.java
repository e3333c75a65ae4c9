package io.relayagent.mesh.content;

import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.Site;
import io.relayagent.sitelist.SiteKind;
import io.relayagent.sitelist.SiteLists;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where a content key lives upstream: the first enabled {@code HttpSite} or {@code SpipeSite}
 * of the relay's current SiteList whose Name equals the key's site (case-sensitively), at {@code
 * <scheme>://<Server host:port>/<RelativePath>/<path>}.
 *
 * <p>The scheme is {@code https}, except for an {@code HttpSite} on port 80 (given, or the kind's
 * default), which is a plain-HTTP repository by McAfee's convention: it is fetched over {@code
 * http}. The relay still checks length and digest, and agents check every object against the
 * server's signed catalog, so such a repository can cost availability but never integrity.
 *
 * <p>The SiteList is read at every lookup, so a list swapped at runtime takes effect at once.
 */
final class UpstreamLocator {

  private static final Logger log = LoggerFactory.getLogger(UpstreamLocator.class);
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=@";

  private final Supplier<SiteLists> siteLists;

  UpstreamLocator(Supplier<SiteLists> siteLists) {
    this.siteLists = siteLists;
  }

  /** The upstream URL of {@code key}, or empty when no usable site has that Name. */
  Optional<URI> locate(ContentKey key) {
    SiteLists lists = siteLists.get();
    if (lists == null) {
      return Optional.empty();
    }
    return lists
        .sitesInOrder()
        .filter(Site::isEnabled)
        .filter(site -> site.kind() == SiteKind.HTTP || site.kind() == SiteKind.SPIPE)
        .filter(site -> key.site().equals(site.name()))
        .findFirst()
        .flatMap(site -> uriOf(site, key.path()));
  }

  private static Optional<URI> uriOf(Site site, String path) {
    HostPort server;
    List<String> segments = new ArrayList<>();
    try {
      server = HostPort.parse(site.server(), site.kind().defaultPort());
      String relative = site.relativePath() == null ? "" : site.relativePath();
      // McAfee writes RelativePath with either slash; neither kind of dot segment is taken.
      for (String segment : relative.split("[/\\\\]")) {
        if (segment.equals(".") || segment.equals("..")) {
          throw new IllegalArgumentException("RelativePath has a dot segment");
        }
        if (!segment.isEmpty()) {
          segments.add(segment);
        }
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      log.warn("cannot fetch content from {}: {}", site.describe(), e.getMessage());
      return Optional.empty();
    }
    segments.addAll(List.of(path.split("/")));
    boolean plain = site.kind() == SiteKind.HTTP && server.port() == 80;
    StringBuilder uri = new StringBuilder(plain ? "http://" : "https://").append(server);
    for (String segment : segments) {
      uri.append('/');
      encode(segment, uri);
    }
    return Optional.of(URI.create(uri.toString()));
  }

  /** Percent-encodes everything but RFC 3986's unreserved characters and a few sub-delimiters. */
  private static void encode(String segment, StringBuilder out) {
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      if (b >= 0 && UNRESERVED.indexOf(b) >= 0) {
        out.append((char) b);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
  }
}
