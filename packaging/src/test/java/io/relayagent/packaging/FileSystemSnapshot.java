package io.relayagent.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a package can leave behind: every path under the roots it writes to ({@code find -xdev}, so
 * other file systems mounted there are not walked) and the service account's entries.
 *
 * @param paths every path under the roots
 * @param accounts {@code getent passwd} and {@code getent group} for the account, empty if none
 */
record FileSystemSnapshot(Set<String> paths, String accounts) {

  /** /lib is a link to /usr/lib where /usr is merged: then /usr covers it. */
  private static final List<String> ROOTS = List.of("/usr", "/lib", "/etc", "/var/lib", "/var/log");

  /** dpkg's own records of the package come and go with it; they are dpkg's, not ours. */
  private static final List<String> DPKG_OWN = List.of("/var/lib/dpkg/", "/var/log/dpkg.log");

  static FileSystemSnapshot take(String account) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("find"));
    for (String root : ROOTS) {
      if (Files.isDirectory(Path.of(root)) && !Files.isSymbolicLink(Path.of(root))) {
        command.add(root);
      }
    }
    command.add("-xdev");
    Run find = Run.of(command.toArray(String[]::new));
    if (find.exit() != 0) {
      throw new IOException(find.toString());
    }
    Set<String> paths = new TreeSet<>(List.of(find.output().split("\n")));
    String passwd = Run.of("getent", "passwd", account).output();
    String group = Run.of("getent", "group", account).output();
    return new FileSystemSnapshot(paths, (passwd + group).strip());
  }

  /** The paths in {@code later} that are not here, dpkg's bookkeeping left out. */
  Set<String> addedIn(FileSystemSnapshot later) {
    return difference(later.paths, paths);
  }

  /** The paths here that {@code later} lacks, dpkg's bookkeeping left out. */
  Set<String> removedIn(FileSystemSnapshot later) {
    return difference(paths, later.paths);
  }

  private static Set<String> difference(Set<String> from, Set<String> minus) {
    Set<String> result = new TreeSet<>(from);
    result.removeAll(minus);
    result.removeIf(path -> DPKG_OWN.stream().anyMatch(path::startsWith));
    return result;
  }
}
