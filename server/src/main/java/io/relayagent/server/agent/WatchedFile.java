package io.relayagent.server.agent;

import io.relayagent.files.FileVersion;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file the administrator edits while the server runs (policy.xml, SiteList.xml): re-read when its
 * {@link FileVersion} (size, time, identity) changes, and kept only if it is valid. A bad edit
 * changes nothing: it is logged once, and the last good version stays in force until the file is
 * fixed.
 *
 * <p>The version is compared each time the file is served, not by a watching thread: a request that
 * follows an edit sees it at once, and a server that is not asked does no work.
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
  private FileVersion seen;
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
    FileVersion version = FileVersion.of(file);
    seen = version;
    if (version != null) {
      current = read();
    }
  }

  /** The last valid version; empty if there never was one. */
  synchronized Optional<Loaded<T>> current() {
    FileVersion version;
    try {
      version = FileVersion.of(file);
    } catch (IOException e) {
      log.warn("{}: cannot be read ({}); serving the last good version", file, e.getMessage());
      return Optional.ofNullable(current);
    }
    if (!Objects.equals(version, seen)) {
      seen = version;
      if (version == null) {
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
}
