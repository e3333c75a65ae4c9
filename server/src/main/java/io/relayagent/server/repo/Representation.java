package io.relayagent.server.repo;

import io.relayagent.protocol.http.EntityTags;
import io.relayagent.protocol.http.ReprDigest;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One thing served under {@code /repo/}, with what every answer about it says: its length, SHA-256
 * ({@code Repr-Digest}), {@code ETag} and time. Its bytes are in memory (the catalog, its signature
 * and chain) or in a file.
 *
 * @param content the bytes, or {@code null} for a file
 * @param file the file, or {@code null} for bytes in memory
 */
record Representation(
    long length,
    byte[] sha256,
    String contentType,
    Instant lastModified,
    byte[] content,
    Path file) {

  static Representation ofBytes(byte[] content, String contentType, Instant time) {
    return new Representation(
        content.length,
        RepositoryScanner.sha256().digest(content),
        contentType,
        time,
        content,
        null);
  }

  static Representation ofFile(ScannedFile file) {
    return new Representation(
        file.size(),
        file.sha256(),
        "application/octet-stream",
        file.modified().toInstant(),
        null,
        file.path());
  }

  String etag() {
    return EntityTags.of(sha256);
  }

  /** {@code sha-256=:<base64>:}, RFC 9530. */
  String reprDigest() {
    return ReprDigest.format(sha256);
  }
}
