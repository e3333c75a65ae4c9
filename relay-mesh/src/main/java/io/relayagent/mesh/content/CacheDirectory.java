package io.relayagent.mesh.content;

import io.relayagent.files.FileVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the cache, all in one directory: {@code <stem>-<generation>} holds an object's
 * bytes, {@code <stem>-<generation>.meta} describes it, and {@code .tmp} marks a download or a
 * metadata write in progress. The stem is a hash of the key ({@link ContentKey#fileStem()}); the
 * generation is random per download, so a refreshed object never reuses the name of the copy it
 * replaces (a reader may still hold that one open, and an eviction of it may still be pending).
 *
 * <p>A download becomes visible only by an atomic rename after it was verified; the metadata is
 * written after the data, so a crash leaves at most a data file without metadata, which {@link
 * CacheRecovery} deletes.
 */
final class CacheDirectory {

  static final Pattern DATA_NAME = Pattern.compile("[0-9a-f]{32}-[0-9a-f]{16}");
  static final String TEMP_SUFFIX = ".tmp";
  private static final Logger log = LoggerFactory.getLogger(CacheDirectory.class);

  private final Path root;

  private CacheDirectory(Path root) {
    this.root = root;
  }

  /** The directory at {@code root}, made if missing. */
  static CacheDirectory open(Path root) throws IOException {
    Files.createDirectories(root);
    return new CacheDirectory(root.toRealPath());
  }

  Path root() {
    return root;
  }

  /** A new empty file to download {@code key} into. */
  Path newTempFile(ContentKey key) throws IOException {
    String generation = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    return Files.createFile(root.resolve(key.fileStem() + "-" + generation + TEMP_SUFFIX));
  }

  /** Renames a verified download into place and writes its metadata. */
  CachedObject publish(
      ContentKey key, Path temp, FetchResult.Fetched fetched, Instant now, Duration maxAge)
      throws IOException {
    String tempName = temp.getFileName().toString();
    Path data = root.resolve(tempName.substring(0, tempName.length() - TEMP_SUFFIX.length()));
    Files.move(temp, data, StandardCopyOption.ATOMIC_MOVE);
    CachedObject object =
        new CachedObject(
            key,
            data,
            fetched.length(),
            fetched.sha256(),
            fetched.headers(),
            now,
            now,
            fetched.length(),
            now.plus(maxAge),
            FileVersion.of(data));
    try {
      return object.withDiskBytes(fetched.length() + MetaFile.write(object));
    } catch (IOException e) {
      delete(object);
      throw e;
    }
  }

  /** Records that upstream confirmed {@code object} at {@code now}. */
  CachedObject revalidate(
      CachedObject object, ObjectHeaders notModified, Instant now, Duration maxAge)
      throws IOException {
    CachedObject updated = object.revalidated(object.headers().updatedBy(notModified), now, maxAge);
    return updated.withDiskBytes(updated.length() + MetaFile.write(updated));
  }

  /** Deletes an object's files: metadata first, so a crash in between leaves no stale claim. */
  void delete(CachedObject object) {
    deleteQuietly(object.metaFile());
    deleteQuietly(object.file());
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", file, e.toString());
    }
  }
}
