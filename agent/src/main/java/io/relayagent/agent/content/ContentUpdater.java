package io.relayagent.agent.content;

import io.netty.channel.Channel;
import io.relayagent.agent.connect.Exchanges;
import io.relayagent.agent.connect.ServerConnector;
import io.relayagent.files.AtomicFile;
import io.relayagent.files.DirectorySync;
import io.relayagent.files.FileAccess;
import io.relayagent.mesh.client.FileDownload;
import io.relayagent.mesh.client.HttpSession;
import io.relayagent.mesh.client.Route;
import io.relayagent.mesh.client.ServerChannels;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.repo.Catalog;
import io.relayagent.protocol.repo.CatalogEntry;
import io.relayagent.sitelist.IpLiterals;
import java.io.ByteArrayOutputStream;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Content updates: fetch the server's signed catalog over the agent's end-to-end TLS, check its
 * signature against the server's certificate, and download every file that is new, through the
 * relay's content cache when the agent came through a relay (falling over to the next relay, and
 * resuming with {@code Range}, when one fails), or from the server itself. Each file is checked
 * against the catalog (size, SHA-256) before it is installed with an atomic rename, so neither a
 * relay nor a broken transfer can put a wrong file in place.
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
  private final Path installedFile;
  private final CatalogCheck check;
  private final ServerChannels channels;
  private final Supplier<List<KnownRelay>> relays;
  private volatile long installedVersion;

  public ContentUpdater(
      Path directory,
      CatalogCheck check,
      ServerChannels channels,
      Supplier<List<KnownRelay>> relays)
      throws IOException {
    this.directory = Files.createDirectories(directory);
    this.partials = Files.createDirectories(directory.resolve(".partial"));
    this.installedFile = directory.resolve(".installed.properties");
    this.check = check;
    this.channels = channels;
    this.relays = relays;
    this.installedVersion = Long.parseLong(installed().getProperty("catalog.version", "0"));
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
    Properties installed = installed();
    int downloaded = 0;
    for (CatalogEntry entry : entries) {
      if (entry.sha256().equals(installed.getProperty("file." + entry.name()))) {
        continue;
      }
      fetch(entry, connection, progress);
      installed.setProperty("file." + entry.name(), entry.sha256());
      store(installed);
      downloaded++;
    }
    installed.setProperty("catalog.version", Long.toString(version));
    store(installed);
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
      CatalogEntry entry, ServerConnector.Connection connection, Consumer<String> progress)
      throws IOException, InterruptedException {
    Path partial = partials.resolve(entry.name());
    Files.createDirectories(partial.getParent());
    List<String> failures = new ArrayList<>();
    for (Route.ViaRelay relay : relayOrder(connection)) {
      String path = ServerPaths.relayContent(connection.site().name(), entry.name());
      try {
        if (download(
            channels.openRelay(relay), IpLiterals.format(relay.address()), path, partial, entry)) {
          install(entry, partial);
          progress.accept(
              entry.name()
                  + " ("
                  + entry.size()
                  + " bytes) downloaded through the content cache of relay "
                  + relay.relayId());
          return;
        }
        failures.add(relay.relayId() + ": incomplete");
      } catch (IOException e) {
        failures.add(relay.relayId() + ": " + e.getMessage());
        progress.accept(
            entry.name()
                + ": relay "
                + relay.relayId()
                + " failed ("
                + e.getMessage()
                + "); trying the next");
      }
    }
    if (connection.route() instanceof Route.Direct
        || connection.route() instanceof Route.ViaHttpProxy) {
      if (download(
          channels.open(connection.route(), connection.site().endpoint()),
          connection.site().endpoint().toString(),
          ServerPaths.REPOSITORY + entry.name(),
          partial,
          entry)) {
        install(entry, partial);
        progress.accept(entry.name() + " (" + entry.size() + " bytes) downloaded from the server");
        return;
      }
    }
    throw new IOException("cannot download " + entry.name() + ": " + String.join("; ", failures));
  }

  /**
   * The relay the agent came through first (it may not be in the cache yet: the agent uses the
   * first offer before discovery ends), then the other relays it knows, in order.
   */
  private List<Route.ViaRelay> relayOrder(ServerConnector.Connection connection) {
    List<Route.ViaRelay> order = new ArrayList<>();
    if (!(connection.route() instanceof Route.ViaRelay current)) {
      return order;
    }
    order.add(current);
    for (KnownRelay relay : relays.get()) {
      if (!relay.relayId().equals(current.relayId())) {
        order.add(new Route.ViaRelay(relay.relayId(), relay.tunnelAddress()));
      }
    }
    return order;
  }

  /** One attempt; true when the partial file now holds the whole, correct object. */
  private boolean download(
      java.util.concurrent.CompletableFuture<Channel> channel,
      String authority,
      String path,
      Path partial,
      CatalogEntry entry)
      throws IOException, InterruptedException {
    long have = Files.exists(partial) ? Files.size(partial) : 0;
    if (have >= entry.size()) {
      Files.deleteIfExists(partial);
      have = 0;
    }
    try {
      Channel ready = channel.get(30, TimeUnit.SECONDS);
      FileDownload.Result result =
          FileDownload.start(ready, authority, path, partial, have, TRANSFER_IDLE)
              .get(10, TimeUnit.MINUTES);
      if (result.status() != 200 && result.status() != 206) {
        throw new IOException("answered " + result.status());
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io
          ? io
          : new IOException(e.getCause().toString(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("timed out", e);
    }
    if (Files.size(partial) < entry.size()) {
      return false; // cut off: what arrived stays, and the next attempt resumes from there
    }
    if (Files.size(partial) != entry.size()
        || !MessageDigest.isEqual(sha256(partial), entry.digest())) {
      Files.delete(partial);
      throw new IOException("the file does not match the signed catalog; discarded");
    }
    return true;
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

  private Properties installed() throws IOException {
    Properties properties = new Properties();
    if (Files.exists(installedFile)) {
      try (InputStream in = Files.newInputStream(installedFile)) {
        properties.load(in);
      }
    }
    return properties;
  }

  private void store(Properties properties) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    properties.store(out, "content installed by relay-agent");
    AtomicFile.replace(installedFile, out.toByteArray(), FileAccess.PRIVATE);
  }
}
