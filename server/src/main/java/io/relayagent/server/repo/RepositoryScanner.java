package io.relayagent.server.repo;

import io.relayagent.protocol.repo.RepositoryName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the files of {@code repo/} and their SHA-256, hashing only what changed since the last
 * scan. Symbolic links are not followed and not listed, so nothing outside the directory is ever
 * served; files and directories whose names are not {@link RepositoryName valid} are skipped
 * (logged once per scan at debug level: editors' temporary files are expected there).
 */
final class RepositoryScanner {
  private static final Logger log = LoggerFactory.getLogger(RepositoryScanner.class);

  private final Path root;

  RepositoryScanner(Path root) {
    this.root = root;
  }

  /** The files now, by name; {@code previous} lends the digests of files that did not change. */
  Map<String, ScannedFile> scan(Map<String, ScannedFile> previous) throws IOException {
    Map<String, ScannedFile> found = new TreeMap<>();
    Files.walkFileTree(
        root,
        EnumSet.noneOf(FileVisitOption.class),
        RepositoryName.MAX_SEGMENTS,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (dir.equals(root) || RepositoryName.isSegment(dir.getFileName().toString())) {
              return FileVisitResult.CONTINUE;
            }
            log.debug("{}: not a valid directory name; skipped", dir);
            return FileVisitResult.SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (!attributes.isRegularFile()) {
              return FileVisitResult.CONTINUE;
            }
            String name = nameOf(file);
            if (name == null) {
              log.debug("{}: not a valid file name; skipped", file);
              return FileVisitResult.CONTINUE;
            }
            ScannedFile known = previous.get(name);
            if (known != null
                && known.sameAs(
                    attributes.size(), attributes.lastModifiedTime(), attributes.fileKey())) {
              found.put(name, known);
            } else {
              try {
                found.put(name, hash(name, file));
              } catch (IOException e) {
                log.warn("{}: left out of the catalog: {}", file, e.getMessage());
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            log.warn("{}: cannot be read, left out of the catalog: {}", file, e.getMessage());
            return FileVisitResult.CONTINUE;
          }
        });
    return found;
  }

  /** The file's name below the root, or {@code null} if it is not a valid, unreserved name. */
  private String nameOf(Path file) {
    String name =
        root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    try {
      RepositoryName.check(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return RepositoryName.RESERVED.contains(name) ? null : name;
  }

  /**
   * Hashes the file, reading its attributes before and after: a digest is kept only for the size,
   * time and identity it was made under, so a file being written while it is hashed is hashed
   * again.
   */
  static ScannedFile hash(String name, Path file) throws IOException {
    for (int attempt = 0; attempt < 3; attempt++) {
      BasicFileAttributes before = attributes(file);
      MessageDigest digest = sha256();
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        while (channel.read(buffer) > 0) {
          digest.update(buffer.flip());
          buffer.clear();
        }
      }
      BasicFileAttributes after = attributes(file);
      ScannedFile scanned =
          new ScannedFile(
              name,
              file,
              before.size(),
              before.lastModifiedTime(),
              before.fileKey(),
              digest.digest());
      if (scanned.sameAs(after.size(), after.lastModifiedTime(), after.fileKey())) {
        return scanned;
      }
    }
    throw new IOException(file + " keeps changing while it is hashed");
  }

  private static BasicFileAttributes attributes(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
