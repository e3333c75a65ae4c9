package io.relayagent.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.UUID;

/**
 * A file that tells whether anything read it: for checking that a parser never fetches what a
 * hostile document points at (an external entity, a DTD, a schema location).
 *
 * <p>Its content is a random secret, which must then appear nowhere; and its access time is set far
 * before its modification time, which Linux moves on the next read even under {@code relatime}. A
 * file system that does not keep access times ({@code noatime}) is noticed when the canary is made,
 * and only the secret tells then ({@link #seesReads()}).
 *
 * <pre>{@code
 * FileReadCanary canary = FileReadCanary.at(Path.of("target", "xxe-canary.txt"));
 * parse("<!DOCTYPE r [<!ENTITY x SYSTEM \"target/xxe-canary.txt\">]>...");
 * assertThat(canary.wasRead()).isFalse();
 * }</pre>
 */
public final class FileReadCanary {

  private static final FileTime LONG_AGO = FileTime.fromMillis(0);

  private final Path file;
  private final String secret;
  private final boolean seesReads;

  private FileReadCanary(Path file, String secret, boolean seesReads) {
    this.file = file;
    this.secret = secret;
    this.seesReads = seesReads;
  }

  /** Writes a new canary at {@code file}, replacing what is there. */
  public static FileReadCanary at(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      String secret = "canary-" + UUID.randomUUID();
      Files.writeString(file, secret, StandardCharsets.US_ASCII);
      rewind(file);
      Files.readAllBytes(file);
      boolean seesReads = accessed(file);
      rewind(file);
      return new FileReadCanary(file, secret, seesReads);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a read canary at " + file, e);
    }
  }

  public Path file() {
    return file;
  }

  /** The file's content: text that must not appear in anything a parser produced. */
  public String secret() {
    return secret;
  }

  /** Whether this file system moves access times, so that {@link #wasRead()} can say yes. */
  public boolean seesReads() {
    return seesReads;
  }

  /** Whether the file was read since the canary was made (always false if it cannot tell). */
  public boolean wasRead() {
    try {
      return seesReads && accessed(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the read canary at " + file, e);
    }
  }

  private static boolean accessed(Path file) throws IOException {
    return !Files.getFileAttributeView(file, BasicFileAttributeView.class)
        .readAttributes()
        .lastAccessTime()
        .equals(LONG_AGO);
  }

  private static void rewind(Path file) throws IOException {
    Files.getFileAttributeView(file, BasicFileAttributeView.class).setTimes(null, LONG_AGO, null);
  }
}
