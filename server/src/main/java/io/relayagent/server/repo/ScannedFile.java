package io.relayagent.server.repo;

import io.relayagent.protocol.repo.CatalogEntry;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A repository file as the last scan found it. Its digest is trusted only while its size, time and
 * identity (inode) are unchanged; a file that changed since is hashed again before it is served.
 */
record ScannedFile(
    String name, Path path, long size, FileTime modified, Object fileKey, byte[] sha256) {

  /** Whether a file with these attributes is, as far as the file system tells, this one. */
  boolean sameAs(long otherSize, FileTime otherModified, Object otherKey) {
    return size == otherSize && modified.equals(otherModified) && Objects.equals(fileKey, otherKey);
  }

  /** The file as the catalog lists it, before the catalog gives it a version. */
  CatalogEntry entry() {
    return new CatalogEntry(name, size, HexFormat.of().formatHex(sha256), 0L);
  }
}
