package io.relayagent.service;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The file system a service is installed on, seen from this process: the machine's own ({@code /}),
 * a directory standing in for it (tests), or none at all (Windows text printed on Linux, where no
 * target file can be looked at).
 */
public final class TargetFiles {

  private final Path root;
  private final boolean visible;

  private TargetFiles(Path root, boolean visible) {
    this.root = root;
    this.visible = visible;
  }

  /** This machine: each target path is the local path. */
  public static TargetFiles thisMachine() {
    return new TargetFiles(null, true);
  }

  /** The target's paths under {@code root}, a directory standing in for its file system. */
  public static TargetFiles under(Path root) {
    return new TargetFiles(root, true);
  }

  /** A target this process cannot see: every file is missing, nothing may be written. */
  public static TargetFiles foreign() {
    return new TargetFiles(null, false);
  }

  /**
   * The local path of {@code target} (in the target's syntax, {@code /etc/x} or {@code C:\x}), or
   * empty for a foreign target.
   */
  public Optional<Path> find(String target) {
    if (!visible) {
      return Optional.empty();
    }
    if (root == null) {
      return Optional.of(Path.of(target));
    }
    // Strip the root part (a leading separator or a drive letter) and resolve the rest under the
    // stand-in root, so that a Windows path can be installed into a test directory on Linux.
    String relative = target.replaceFirst("^(?:[A-Za-z]:)?[\\\\/]+", "");
    Path path = root;
    for (String segment : relative.split("[\\\\/]+")) {
      if (!segment.isEmpty()) {
        path = path.resolve(segment);
      }
    }
    return Optional.of(path);
  }

  /** The local path of {@code target}; fails for a foreign target. */
  public Path resolve(String target) {
    return find(target)
        .orElseThrow(
            () -> new IllegalStateException("cannot reach " + target + " from this machine"));
  }
}
