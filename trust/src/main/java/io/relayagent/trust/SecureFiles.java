package io.relayagent.trust;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes key and certificate files whole or not at all: the content goes to a temporary file in the
 * same directory, which is then renamed over the target. A reader never sees half a key, and a
 * crash never leaves one behind. Private keys are readable by their owner only, from the moment the
 * temporary file exists.
 */
final class SecureFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SecureFiles.class);
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");

  private SecureFiles() {}

  /** Refuses, before anything is written, if any target exists and {@code force} is off. */
  static void checkCanWrite(Collection<Path> targets, boolean force) throws TrustFileException {
    if (force) {
      return;
    }
    for (Path target : targets) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new TrustFileException(target, "exists; use --force to replace it");
      }
    }
  }

  /** Writes {@code content} to {@code target}; {@code secret} files are owner-only. */
  static void write(Path target, byte[] content, boolean secret, boolean force)
      throws TrustFileException {
    checkCanWrite(List.of(target), force);
    Path directory = target.toAbsolutePath().getParent();
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
      restrict(temporary, secret);
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(content));
        channel.force(true);
      }
      move(temporary, target);
    } catch (IOException e) {
      throw new TrustFileException(target, "cannot be written: " + e.getMessage(), e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Owner-only for secrets; readable by all for certificates, which are public anyway. */
  private static void restrict(Path file, boolean secret) throws IOException {
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(file, secret ? OWNER_ONLY : PUBLIC);
      return;
    }
    AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
    if (secret && acl != null) {
      acl.setAcl(
          List.of(
              AclEntry.newBuilder()
                  .setType(AclEntryType.ALLOW)
                  .setPrincipal(acl.getOwner())
                  .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                  .build()));
    } else if (secret) {
      LOG.warn("{}: this file system cannot restrict the file to its owner", file);
    }
  }

  private static void deleteQuietly(Path temporary) {
    if (temporary == null) {
      return;
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      LOG.warn("cannot delete the temporary file {}: {}", temporary, e.getMessage());
    }
  }
}
