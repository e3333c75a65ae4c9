package io.relayagent.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A server directory written by the file-based server (main before the database), kept as test
 * data: {@code legacy-dir/} holds two agents' reports (relay-3 with relay statistics), 3,000 events
 * in {@code events/events.log} (1,000 of relay-3, 2,000 of laptop-042, 250 per batch), two edge
 * relays and two enrollment tokens (an agent token used once of five, a revoked relay token).
 * {@code LegacyDirectoryWriter.java.txt} beside it is the program that wrote it, run against that
 * server's classes; {@code legacy-dir-secrets.properties} has the tokens' secrets.
 */
final class LegacyDirectory {
  static final int EVENTS = 3000;
  static final int RELAY_EVENTS = 1000;

  private LegacyDirectory() {}

  /** Copies the directory's files into {@code target}. */
  static void copyTo(Path target) throws IOException {
    Path source = resource("legacy-dir");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
  }

  /** The secret of a token, by name: {@code agentTokenSecret} or {@code relayTokenSecret}. */
  static String secret(String name) throws IOException {
    Properties secrets = new Properties();
    try (InputStream in = Files.newInputStream(resource("legacy-dir-secrets.properties"))) {
      secrets.load(in);
    }
    return secrets.getProperty(name);
  }

  private static Path resource(String name) throws IOException {
    URL url = LegacyDirectory.class.getResource(name);
    if (url == null) {
      throw new IOException("test resource " + name + " is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
