package io.relayagent.agent.content;

import io.netty.channel.Channel;
import io.relayagent.agent.connect.Exchanges;
import io.relayagent.agent.connect.RelayFailures;
import io.relayagent.agent.connect.ServerConnector;
import io.relayagent.files.DirectorySync;
import io.relayagent.mesh.client.FileDownload;
import io.relayagent.mesh.client.HttpSession;
import io.relayagent.mesh.client.RelayFailure;
import io.relayagent.mesh.client.Route;
import io.relayagent.mesh.client.ServerChannels;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.repo.Catalog;
import io.relayagent.protocol.repo.CatalogEntry;
import io.relayagent.sitelist.IpLiterals;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Content updates: fetch the server's signed catalog over the agent's end-to-end TLS, check its
 * signature against the server's certificate, and download every file that is new, through the
 * relay's content cache when the agent came through a relay (falling over to the next relay, and
 * resuming with {@code Range}, when one fails), or from the server itself. A relay that lacks a
 * file ({@code 404}) sends the agent to the next relay for that file only; a relay that fails as a
 * relay (drops the transfer, times out, fails TLS) is not asked again in the same update. Each
 * failure is recorded in {@link RelayFailures}. Each file is checked against the catalog (size,
 * SHA-256) before it is installed with an atomic rename, so neither a relay nor a broken transfer
 * can put a wrong file in place.
 */
public final class ContentUpdater {

  /** Checks the catalog's signature: the server certificate's key must have signed its bytes. */
  @FunctionalInterface
  public interface CatalogCheck {
    void verify(byte[] catalog, byte[] signature, List<X509Certificate> serverChain)
        throws IOException;
  }

  /** The names this agent can install: one flat file each in its content directory. */
  private static final Duration TRANSFER_IDLE = Duration.ofSeconds(20);

  private final Path directory;
  private final Path partials;
  private final InstalledRecord installed;
  private final CatalogCheck check;
  private final ServerChannels channels;
  private final Supplier<List<KnownRelay>> relays;
  private final RelayFailures failures;
  private volatile long installedVersion;

  /**
   * @param relays the relays the agent knows, in order, asked for content after the one it came
   *     through
   * @param failures where a relay's failure to serve a file is recorded
   */
  public ContentUpdater(
      Path directory,
      CatalogCheck check,
      ServerChannels channels,
      Supplier<List<KnownRelay>> relays,
      RelayFailures failures)
      throws IOException {
    this.directory = Files.createDirectories(directory);
    this.partials = Files.createDirectories(directory.resolve(".partial"));
    this.installed = new InstalledRecord(directory.resolve(".installed.properties"));
    this.check = check;
    this.channels = channels;
    this.relays = relays;
    this.failures = failures;
    this.installedVersion = installed.installedVersion();
  }

  /** The version of the last catalog fully installed (0 before the first). */
  public long installedVersion() {
    return installedVersion;
  }

  /** Brings the installed content up to the server's catalog; returns a one-line summary. */
  public String update(ServerConnector.Connection connection, Consumer<String> progress)
      throws IOException, InterruptedException {
    HttpSession session = connection.session();
    byte[] catalogBytes = Exchanges.get(session, ServerPaths.CATALOG);
    byte[] signature =
        Base64.getMimeDecoder()
            .decode(
                new String(
                        Exchanges.get(session, ServerPaths.CATALOG_SIGNATURE),
                        StandardCharsets.US_ASCII)
                    .trim());
    check.verify(catalogBytes, signature, session.peerCertificates());
    Catalog catalog;
    try {
      catalog = ProtocolJson.read(catalogBytes, Catalog.MAX_BYTES, Catalog.class);
    } catch (MalformedJsonException e) {
      throw new IOException("the server's catalog is not valid: " + e.getMessage(), e);
    }
    // Every name is a RepositoryName (CatalogEntry checks it, the rule the server serves by):
    // segments below the content directory, never outside it.
    List<CatalogEntry> entries = catalog.files();
    long version = catalog.version();
    Properties record = installed.read();
    int downloaded = 0;
    Set<String> failing = new HashSet<>();
    for (CatalogEntry entry : entries) {
      if (entry.sha256().equals(record.getProperty(InstalledRecord.fileKey(entry.name())))) {
        continue;
      }
      fetch(entry, connection, failing, progress);
      record.setProperty(InstalledRecord.fileKey(entry.name()), entry.sha256());
      installed.write(record);
      downloaded++;
    }
    InstalledRecord.setVersion(record, version);
    installed.write(record);
    installedVersion = version;
    return "content: catalog version "
        + version
        + " verified; "
        + downloaded
        + " file(s) downloaded, "
        + (entries.size() - downloaded)
        + " already current";
  }

  private void fetch(
      CatalogEntry entry,
      ServerConnector.Connection connection,
      Set<String> failing,
      Consumer<String> progress)
      throws IOException, InterruptedException {
    Path partial = partials.resolve(entry.name());
    Files.createDirectories(partial.getParent());
    List<String> failed = new ArrayList<>();
    for (Candidate relay : relayOrder(connection)) {
      if (failing.contains(relay.route().relayId())) {
        continue; // it failed as a relay earlier in this update: not asked again for every file
      }
      String path = ServerPaths.relayContent(connection.site().name(), entry.name());
      RelayFailure failure;
      try {
        FileDownload.Result result =
            download(
                channels.openRelay(relay.route()),
                IpLiterals.format(relay.route().address()),
                path,
                partial,
                entry);
        if (result.status() == 200 || result.status() == 206) {
          if (installIfWhole(entry, partial)) {
            progress.accept(
                entry.name()
                    + " ("
                    + entry.size()
                    + " bytes) downloaded through the content cache of relay "
                    + relay.route().relayId());
            return;
          }
          // Cut off: what arrived stays, and the next relay resumes from there.
          failure =
              RelayFailure.cutOff(
                  entry.name(), sizeOf(partial), entry.size(), result.cutBy(), now());
          failing.add(relay.route().relayId());
        } else {
          // A 404 says this relay lacks this file, not that it is failing: the next file is
          // asked of it again.
          failure =
              RelayFailure.lacksContent(entry.name(), result.status(), result.reason(), now());
        }
        failures.record(relay.route(), relay.source(), failure);
      } catch (IOException e) {
        failure = failures.record(relay.route(), relay.source(), e);
        failing.add(relay.route().relayId());
      }
      failed.add(relay.route().relayId() + ": " + failure.detail());
      progress.accept(
          entry.name()
              + ": relay "
              + relay.route().relayId()
              + " failed ("
              + failure.detail()
              + "); trying the next");
    }
    if (connection.route() instanceof Route.Direct
        || connection.route() instanceof Route.ViaHttpProxy) {
      FileDownload.Result result =
          download(
              channels.open(connection.route(), connection.site().endpoint()),
              connection.site().endpoint().toString(),
              ServerPaths.REPOSITORY + entry.name(),
              partial,
              entry);
      if (result.status() != 200 && result.status() != 206) {
        throw new IOException(
            "cannot download " + entry.name() + ": the server answered " + result.status());
      }
      if (installIfWhole(entry, partial)) {
        progress.accept(entry.name() + " (" + entry.size() + " bytes) downloaded from the server");
        return;
      }
    }
    throw new IOException("cannot download " + entry.name() + ": " + String.join("; ", failed));
  }

  /** A relay to ask for content, and how the agent knows it (null: not cached yet). */
  private record Candidate(Route.ViaRelay route, KnownRelay.Source source) {}

  /**
   * The relay the agent came through first (it may not be in the cache yet: the agent uses the
   * first offer before discovery ends), then the other relays it knows, in order.
   */
  private List<Candidate> relayOrder(ServerConnector.Connection connection) {
    List<Candidate> order = new ArrayList<>();
    if (!(connection.route() instanceof Route.ViaRelay current)) {
      return order;
    }
    List<KnownRelay> known = relays.get();
    KnownRelay.Source currentSource =
        known.stream()
            .filter(relay -> relay.relayId().equals(current.relayId()))
            .map(KnownRelay::source)
            .findFirst()
            .orElse(null);
    order.add(new Candidate(current, currentSource));
    for (KnownRelay relay : known) {
      if (!relay.relayId().equals(current.relayId())) {
        order.add(
            new Candidate(
                new Route.ViaRelay(relay.relayId(), relay.tunnelAddress()), relay.source()));
      }
    }
    return order;
  }

  /** One attempt; what it answered. The partial file holds what arrived of a 200 or 206. */
  private FileDownload.Result download(
      CompletableFuture<Channel> channel,
      String authority,
      String path,
      Path partial,
      CatalogEntry entry)
      throws IOException, InterruptedException {
    long have = sizeOf(partial);
    if (have >= entry.size()) {
      Files.deleteIfExists(partial);
      have = 0;
    }
    try {
      Channel ready = channel.get(30, TimeUnit.SECONDS);
      return FileDownload.start(ready, authority, path, partial, have, TRANSFER_IDLE)
          .get(10, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io
          ? io
          : new IOException(e.getCause().toString(), e.getCause());
    } catch (TimeoutException e) {
      channel.thenAccept(Channel::close);
      throw new IOException("timed out", e);
    }
  }

  /**
   * Installs the partial file if it is whole and matches the catalog; false if it is still short.
   *
   * @throws IOException if it is whole but not what the catalog says (it is discarded)
   */
  private boolean installIfWhole(CatalogEntry entry, Path partial) throws IOException {
    if (Files.size(partial) < entry.size()) {
      return false;
    }
    if (Files.size(partial) != entry.size()
        || !MessageDigest.isEqual(sha256(partial), entry.digest())) {
      Files.delete(partial);
      throw new IOException("the file does not match the signed catalog; discarded");
    }
    install(entry, partial);
    return true;
  }

  private Instant now() {
    return failures.clock().instant();
  }

  private static long sizeOf(Path file) throws IOException {
    return Files.exists(file) ? Files.size(file) : 0;
  }

  /** The download was forced to disk as it arrived; the rename is made durable here. */
  private void install(CatalogEntry entry, Path partial) throws IOException {
    Path target = directory.resolve(entry.name());
    Files.createDirectories(target.getParent());
    Files.move(
        partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    DirectorySync.force(target.getParent());
  }

  private static byte[] sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
