package io.relayagent.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What tells one version of a file from another without reading it: its time, its size and its
 * identity (the inode, where the platform has one, which changes when a save renames a new file
 * over the old one even if time and size stay the same).
 */
public record FileVersion(FileTime modified, long size, Object fileKey) {

  /**
   * The version of {@code file} now.
   *
   * @return null if the file does not exist
   * @throws IOException if it exists but its attributes cannot be read
   */
  public static FileVersion of(Path file) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileVersion(
          attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    } catch (NoSuchFileException absent) {
      return null;
    }
  }
}
