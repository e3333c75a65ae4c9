package io.relayagent.mesh.content;

import io.relayagent.files.AtomicFile;
import io.relayagent.files.DamagedFileException;
import io.relayagent.files.FileVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the index from the files a previous run left: every data file is read once and kept only
 * if its metadata is intact (sealed), names this file, and gives its exact length and SHA-256.
 * Everything else of the cache's own (unfinished downloads, data without metadata, metadata without
 * data, damaged, tampered or truncated files, older generations of an object) is deleted. Files
 * whose names are not the cache's, and symbolic links, are left alone and never served.
 *
 * <p>Damage (metadata that fails its seal or is not valid, data that is not what its metadata
 * describes, metadata whose data is gone) is logged once per object, with its file, and counted;
 * what a crash or an older version leaves is deleted without being counted.
 */
final class CacheRecovery {

  private static final Logger log = LoggerFactory.getLogger(CacheRecovery.class);
  private static final String META_SUFFIX = ".meta";

  /** The verified objects, at most one per key, and how many objects were found damaged. */
  record Recovered(List<CachedObject> objects, int damaged) {
    Recovered {
      objects = List.copyOf(objects);
    }
  }

  private CacheRecovery() {}

  /** The verified objects in {@code directory}. */
  static Recovered recover(CacheDirectory directory, Duration maxAge) throws IOException {
    Set<Path> dataFiles = new HashSet<>();
    Set<Path> metaOwners = new HashSet<>();
    int foreign = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory.root())) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        Optional<String> replacing = AtomicFile.targetOfTemporary(name);
        boolean temp = replacing.isPresent() || name.endsWith(CacheDirectory.TEMP_SUFFIX);
        String base =
            replacing.orElseGet(() -> temp ? strip(name, CacheDirectory.TEMP_SUFFIX) : name);
        boolean meta = base.endsWith(META_SUFFIX);
        String dataName = meta ? strip(base, META_SUFFIX) : base;
        if (!CacheDirectory.DATA_NAME.matcher(dataName).matches()
            || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          foreign++;
        } else if (temp) {
          CacheDirectory.deleteQuietly(file);
        } else if (meta) {
          metaOwners.add(file.resolveSibling(dataName));
        } else {
          dataFiles.add(file);
        }
      }
    }
    if (foreign > 0) {
      log.warn("{} files in {} are not the cache's; left alone", foreign, directory.root());
    }
    int damaged = 0;
    for (Path owner : metaOwners) {
      if (!dataFiles.contains(owner)) {
        // Data is deleted after its metadata, never before: no crash leaves this.
        log.warn(
            "content cache: deleting {}: its data file is missing",
            CachedObject.metaFileOf(owner).getFileName());
        CacheDirectory.deleteQuietly(CachedObject.metaFileOf(owner));
        damaged++;
      }
    }
    Map<ContentKey, CachedObject> newest = new HashMap<>();
    for (Path data : dataFiles) {
      CachedObject object;
      try {
        object = verifyOrDelete(data, metaOwners.contains(data), maxAge);
      } catch (DamagedFileException e) {
        damaged++;
        continue;
      }
      if (object == null) {
        continue;
      }
      CachedObject other = newest.get(object.key());
      if (other == null || object.validatedAt().isAfter(other.validatedAt())) {
        newest.put(object.key(), object);
        if (other != null) {
          directory.delete(other);
        }
      } else {
        directory.delete(object);
      }
    }
    if (damaged > 0) {
      log.warn(
          "content cache {}: {} objects kept; {} damaged object(s) deleted, fetched again when"
              + " asked",
          directory.root(),
          newest.size(),
          damaged);
    } else {
      log.info("content cache {}: {} objects kept", directory.root(), newest.size());
    }
    return new Recovered(new ArrayList<>(newest.values()), damaged);
  }

  /**
   * The object whose data file is {@code data}, verified; null (its files deleted) for what a crash
   * or an older version left.
   *
   * @throws DamagedFileException (its files deleted, logged) if it is damaged
   */
  private static CachedObject verifyOrDelete(Path data, boolean hasMeta, Duration maxAge)
      throws DamagedFileException {
    try {
      if (!hasMeta) {
        throw new IOException("it has no metadata");
      }
      Path meta = CachedObject.metaFileOf(data);
      MetaFile.Stored stored = MetaFile.read(meta);
      if (!data.getFileName().toString().startsWith(stored.key().fileStem() + "-")) {
        throw new DamagedFileException(meta, "it names another object");
      }
      FileVersion verified = FileVersion.of(data); // before hashing: a later change must show
      long size = Files.size(data);
      if (size != stored.length()) {
        throw new DamagedFileException(
            data, "it has " + size + " bytes; its metadata says " + stored.length());
      }
      if (!sha256(data).equals(stored.sha256())) {
        throw new DamagedFileException(data, "its SHA-256 is not the one its metadata gives");
      }
      return new CachedObject(
          stored.key(),
          data,
          stored.length(),
          stored.sha256(),
          stored.headers(),
          stored.fetchedAt(),
          stored.validatedAt(),
          stored.length() + Files.size(meta),
          stored.validatedAt().plus(maxAge),
          verified);
    } catch (DamagedFileException e) {
      log.warn(
          "content cache: deleting {}, damaged: {}: {}",
          data.getFileName(),
          e.file().getFileName(),
          e.what());
      deleteObject(data);
      throw e;
    } catch (IOException e) {
      log.warn("content cache: deleting {}: {}", data.getFileName(), e.getMessage());
      deleteObject(data);
      return null;
    }
  }

  private static void deleteObject(Path data) {
    CacheDirectory.deleteQuietly(CachedObject.metaFileOf(data));
    CacheDirectory.deleteQuietly(data);
  }

  private static String sha256(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      while (in.read(buffer) >= 0) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
      }
      return Base64.getEncoder().encodeToString(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String strip(String name, String suffix) {
    return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
  }
}
