package io.relayagent.server.repo;

import io.relayagent.files.DamagedFileException;
import io.relayagent.files.FileAccess;
import io.relayagent.files.SealedFile;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.repo.Catalog;
import io.relayagent.trust.ContentSignatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content repository: the files of {@code repo/} and the catalog that lists them, signed with
 * the server's key. The catalog is built at start, and again whenever a scan finds a change: on a
 * timer, on an administrator's call, and when a file about to be served is no longer the one the
 * catalog describes. Its version never goes back: the last one is kept in the server's state.
 *
 * <p>Only files in the current catalog are served, so whatever an agent can fetch is listed, with
 * its digest, in a catalog it can verify.
 */
public final class Repository implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Repository.class);

  private final RepositoryScanner scanner;
  private final Path stateFile;
  private ContentSignatures.Signer signer;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private volatile Published published;

  private Repository(Path root, Path stateFile, ContentSignatures.Signer signer, Clock clock) {
    this.scanner = new RepositoryScanner(root);
    this.stateFile = stateFile;
    this.signer = signer;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "repository-scan");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Scans {@code root} and publishes its catalog.
   *
   * @param stateFile where the last published catalog is kept
   * @throws IOException if the directory cannot be read, or the kept catalog is unreadable
   */
  public static Repository open(
      Path root, Path stateFile, ContentSignatures.Signer signer, Clock clock) throws IOException {
    Files.createDirectories(root);
    Catalog previous = new Catalog(0L, List.of());
    if (Files.exists(stateFile)) {
      try {
        // Sealed: a flipped digit of the version would otherwise take it back, or far ahead.
        byte[] content = SealedFile.read(stateFile, Catalog.MAX_BYTES).content();
        previous = ProtocolJson.read(content, Catalog.MAX_BYTES, Catalog.class);
      } catch (DamagedFileException | MalformedJsonException e) {
        throw new IOException(
            stateFile
                + ": the last published catalog cannot be read ("
                + (e instanceof DamagedFileException damaged ? damaged.what() : e.getMessage())
                + "); fix the file, or remove it to start again at version 1",
            e);
      }
    }
    Repository repository = new Repository(root, stateFile, signer, clock);
    try {
      repository.publish(previous, Map.of());
    } catch (IOException | RuntimeException e) {
      repository.close();
      throw e;
    }
    return repository;
  }

  /** Scans every {@code interval} from now on (never for zero). */
  public void scanEvery(Duration interval) {
    if (interval.isZero()) {
      return;
    }
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            rescan();
          } catch (IOException | RuntimeException e) {
            log.warn("scanning the repository failed; the catalog is unchanged: {}", e.toString());
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The catalog served now. */
  public Catalog catalog() {
    return published.catalog();
  }

  /** What is served now. */
  Published published() {
    return published;
  }

  /** Compares the directory with the catalog and publishes a new version if anything changed. */
  public synchronized long rescan() throws IOException {
    Published current = published;
    publish(current.catalog(), current.files());
    return published.catalog().version();
  }

  /** The file named {@code name} as the catalog describes it, if it lists one. */
  Optional<ScannedFile> file(String name) {
    return Optional.ofNullable(published.files().get(name));
  }

  /**
   * Signs with {@code next} from now on (the server's certificate was renewed), and signs the
   * catalog in force again, so that agents never get a signature from a certificate the server no
   * longer holds: after a root rollover is finished, the old one is no longer trusted.
   */
  public synchronized void resign(ContentSignatures.Signer next) {
    signer = next;
    Published current = published;
    byte[] json = current.catalogJson().content();
    published =
        new Published(
            current.catalog(),
            current.files(),
            current.catalogJson(),
            Representation.ofBytes(signature(json), "text/plain", clock.instant()),
            Representation.ofBytes(
                CertificatePem.encode(signer.chain()),
                "application/pem-certificate-chain",
                clock.instant()));
    log.info(
        "repository catalog version {} signed again with the renewed key",
        current.catalog().version());
  }

  private byte[] signature(byte[] json) {
    return Base64.getEncoder()
        .encodeToString(signer.sign(json))
        .getBytes(StandardCharsets.US_ASCII);
  }

  private synchronized void publish(Catalog previous, Map<String, ScannedFile> known)
      throws IOException {
    Map<String, ScannedFile> files = scanner.scan(known);
    Catalog catalog =
        CatalogVersions.next(previous, files.values().stream().map(ScannedFile::entry).toList());
    if (catalog.version() == 0) {
      catalog = new Catalog(1L, List.of()); // the first catalog of an empty repository
    }
    boolean changed = catalog != previous;
    if (!changed && published != null) {
      published = published.withFiles(files); // same content, newer file times
      return;
    }
    byte[] json = ProtocolJson.write(catalog); // the exact bytes served and signed
    if (changed) {
      SealedFile.replace(
          stateFile,
          json,
          FileAccess.PRIVATE); // kept before it is served: the version never goes back
    }
    byte[] signature = signature(json);
    published =
        new Published(
            catalog,
            files,
            Representation.ofBytes(json, "application/json", clock.instant()),
            Representation.ofBytes(signature, "text/plain", clock.instant()),
            Representation.ofBytes(
                CertificatePem.encode(signer.chain()),
                "application/pem-certificate-chain",
                clock.instant()));
    log.info("repository catalog version {}: {} files", catalog.version(), files.size());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /**
   * One published version: the catalog, the files it lists, and the three documents served about it
   * (its JSON, the signature of that JSON, the signer's certificate chain).
   */
  record Published(
      Catalog catalog,
      Map<String, ScannedFile> files,
      Representation catalogJson,
      Representation signature,
      Representation chain) {

    Published withFiles(Map<String, ScannedFile> newFiles) {
      return new Published(catalog, newFiles, catalogJson, signature, chain);
    }
  }
}
