package io.relayagent.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes the names in a directory durable: a file created, renamed or deleted is only sure to
 * survive a power cut once its directory has been forced to disk, not just the file itself.
 */
public final class DirectorySync {
  private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

  private DirectorySync() {}

  /**
   * Forces {@code directory}'s entries to disk.
   *
   * @throws IOException if that fails; on Windows, which cannot open a directory as a file and
   *     whose NTFS journals its metadata itself, a failure is ignored
   */
  public static void force(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (!WINDOWS) {
        throw e;
      }
    }
  }
}
