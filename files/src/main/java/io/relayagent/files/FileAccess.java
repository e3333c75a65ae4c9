package io.relayagent.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may read a file or directory this project makes. Where POSIX permissions exist they are given
 * at creation (so there is no moment in which others could open the file) and set again afterwards
 * (the umask may have narrowed them). Elsewhere (Windows) only {@link #SECRET} changes the ACL: the
 * installer limits the state directory to administrators, and narrowing every file to its owner
 * there would lock the administrators' own tools out.
 *
 * <pre>{@code
 * AtomicFile.replace(ca.resolve("ca-key.pem"), pem, FileAccess.SECRET);
 * FileAccess.PRIVATE.apply(stateDirectory); // rwx------ where POSIX
 * }</pre>
 */
public enum FileAccess {
  /** Keys and tokens: the owner alone, by POSIX mode or an ACL; a warning where neither exists. */
  SECRET("rw-------", "rwx------"),
  /** State files: the owner alone where POSIX; elsewhere as the directory's inherited ACL says. */
  PRIVATE("rw-------", "rwx------"),
  /** Certificates, which are public anyway: readable by all where POSIX. */
  PUBLIC("rw-r--r--", "rwxr-xr-x");

  private static final Logger log = LoggerFactory.getLogger(FileAccess.class);

  private final Set<PosixFilePermission> fileMode;
  private final Set<PosixFilePermission> directoryMode;

  FileAccess(String fileMode, String directoryMode) {
    this.fileMode = PosixFilePermissions.fromString(fileMode);
    this.directoryMode = PosixFilePermissions.fromString(directoryMode);
  }

  /** Whether {@code path}'s file system has POSIX permissions. */
  public static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** The attributes to create a new file in {@code directory} with: none where not POSIX. */
  public FileAttribute<?>[] newFileAttributes(Path directory) {
    return isPosix(directory)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(fileMode)}
        : new FileAttribute<?>[0];
  }

  /**
   * Narrows an existing file or directory to this access if others may use it now, saying so in the
   * log: state made by an older version, or by hand, may be readable by every local user.
   *
   * @return whether it was too open (and is narrowed now)
   */
  public boolean narrow(Path path) throws IOException {
    if (!isPosix(path)) {
      return false;
    }
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
    Set<PosixFilePermission> wanted = Files.isDirectory(path) ? directoryMode : fileMode;
    if (wanted.containsAll(now)) {
      return false;
    }
    apply(path);
    log.warn(
        "{} was open to others ({}); narrowed to {}",
        path,
        PosixFilePermissions.toString(now),
        PosixFilePermissions.toString(wanted));
    return true;
  }

  /** Gives an existing file or directory this access (a directory also gets the search bit). */
  public void apply(Path path) throws IOException {
    if (isPosix(path)) {
      // Both follow a symbolic link, so a linked state directory keeps its search bit.
      boolean directory = Files.isDirectory(path);
      Files.setPosixFilePermissions(path, directory ? directoryMode : fileMode);
      return;
    }
    if (this != SECRET) {
      return;
    }
    AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
    if (acl == null) {
      log.warn("{}: this file system cannot restrict the file to its owner", path);
      return;
    }
    acl.setAcl(
        List.of(
            AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(acl.getOwner())
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .build()));
  }
}
