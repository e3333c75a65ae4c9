package io.relayagent.server.agent;

import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file the administrator edits while the server runs (policy.xml, SiteList.xml): re-read when its
 * size, time or identity change, and kept only if it is valid. A bad edit changes nothing: it is
 * logged once, and the last good version stays in force until the file is fixed.
 */
final class WatchedFile<T> {
  private static final Logger log = LoggerFactory.getLogger(WatchedFile.class);

  /** Parses the file's bytes, as the readers of the config and sitelist modules do. */
  interface Parser<T> {
    T parse(String source, byte[] content) throws XmlFileException;
  }

  /** A valid version of the file: what it says, and its exact bytes. */
  record Loaded<T>(T value, byte[] content) {}

  private final Path file;
  private final long maxBytes;
  private final Parser<T> parser;
  private List<Object> seen;
  private Loaded<T> current;

  WatchedFile(Path file, long maxBytes, Parser<T> parser) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.parser = parser;
  }

  /**
   * Reads the file for the first time: a file that exists must be valid, or the server does not
   * start.
   */
  synchronized void load() throws XmlFileException, IOException {
    List<Object> stamp = stamp();
    seen = stamp;
    if (stamp != null) {
      current = read();
    }
  }

  /** The last valid version; empty if there never was one. */
  synchronized Optional<Loaded<T>> current() {
    List<Object> stamp;
    try {
      stamp = stamp();
    } catch (IOException e) {
      log.warn("{}: cannot be read ({}); serving the last good version", file, e.getMessage());
      return Optional.ofNullable(current);
    }
    if (!Objects.equals(stamp, seen)) {
      seen = stamp;
      if (stamp == null) {
        log.warn("{} was removed; serving the last good version until it is back", file);
      } else {
        reload();
      }
    }
    return Optional.ofNullable(current);
  }

  private void reload() {
    try {
      current = read();
      log.info("{} changed; the new version is served", file);
    } catch (XmlFileException e) {
      log.error("{} changed but is not valid; the last good version is still served:", file);
      e.problems().forEach(problem -> log.error("{}", problem));
    } catch (IOException e) {
      log.error("{} changed but cannot be read: {}", file, e.getMessage());
    }
  }

  private Loaded<T> read() throws IOException, XmlFileException {
    if (Files.size(file) > maxBytes) {
      throw new IOException(file + " is larger than " + maxBytes + " bytes");
    }
    byte[] content = Files.readAllBytes(file);
    return new Loaded<>(parser.parse(file.toString(), content), content);
  }

  /** What changes when the file does: its size, time and identity; {@code null} if absent. */
  private List<Object> stamp() throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return Arrays.asList(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
