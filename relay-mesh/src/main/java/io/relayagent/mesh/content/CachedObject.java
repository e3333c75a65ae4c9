package io.relayagent.mesh.content;

import io.relayagent.files.FileVersion;
import io.relayagent.protocol.http.EntityTags;
import io.relayagent.protocol.http.ReprDigest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * An object the cache holds on disk, verified: its file has exactly {@code length} bytes whose
 * SHA-256 is {@code sha256}.
 *
 * @param file the data file; its metadata lies beside it as {@code <file>.meta}
 * @param sha256 the SHA-256 of the content, base64 (as in {@code Repr-Digest})
 * @param headers upstream's validators and content type
 * @param fetchedAt when the content was downloaded
 * @param validatedAt when upstream last confirmed the content (download or {@code 304})
 * @param diskBytes the bytes of the data and metadata files: the object's share of the quota
 * @param staleAt from when the object is revalidated before it is served (in memory only)
 * @param verified the data file as it was when its digest was last known to hold (written, or
 *     hashed at start): a file that no longer looks so was changed behind the cache's back
 */
public record CachedObject(
    ContentKey key,
    Path file,
    long length,
    String sha256,
    ObjectHeaders headers,
    Instant fetchedAt,
    Instant validatedAt,
    long diskBytes,
    Instant staleAt,
    FileVersion verified) {

  /** The {@code Repr-Digest} header value for this object. */
  public String reprDigest() {
    return ReprDigest.format(Base64.getDecoder().decode(sha256));
  }

  /**
   * A strong entity tag made from the digest, so every relay gives the same content the same tag
   * and an agent that resumes with {@code If-Range} on another relay never splices two versions.
   */
  public String entityTag() {
    return EntityTags.of(Base64.getDecoder().decode(sha256));
  }

  /** Whether it may be served at {@code now} without asking upstream. */
  public boolean isFresh(Instant now) {
    return now.isBefore(staleAt);
  }

  /**
   * Whether the data file is still the one whose digest was checked: same size, modification time
   * and file identity. Cheap (one stat), so it runs before every response; a file edited or
   * replaced in place fails it and is fetched again rather than served under the old digest.
   */
  public boolean unchangedOnDisk() {
    try {
      return verified != null && verified.equals(FileVersion.of(file));
    } catch (IOException e) {
      return false;
    }
  }

  /** The sidecar file that describes {@link #file()}. */
  public Path metaFile() {
    return metaFileOf(file);
  }

  static Path metaFileOf(Path dataFile) {
    return dataFile.resolveSibling(dataFile.getFileName() + ".meta");
  }

  /** The same object, confirmed by upstream at {@code now}. */
  CachedObject revalidated(ObjectHeaders newHeaders, Instant now, Duration maxAge) {
    return new CachedObject(
        key,
        file,
        length,
        sha256,
        newHeaders,
        fetchedAt,
        now,
        diskBytes,
        now.plus(maxAge),
        verified);
  }

  CachedObject withDiskBytes(long bytes) {
    return new CachedObject(
        key, file, length, sha256, headers, fetchedAt, validatedAt, bytes, staleAt, verified);
  }

  /** The same object, to be served as it is until {@code until}. */
  CachedObject staleUntil(Instant until) {
    return new CachedObject(
        key, file, length, sha256, headers, fetchedAt, validatedAt, diskBytes, until, verified);
  }
}
