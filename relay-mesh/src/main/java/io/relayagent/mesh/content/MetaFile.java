package io.relayagent.mesh.content;

import io.relayagent.files.AtomicFile;
import io.relayagent.files.DamagedFileException;
import io.relayagent.files.FileAccess;
import io.relayagent.files.SealedFile;
import java.io.IOException;
import java.io.Serial;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Properties;

/**
 * The sidecar {@code <object>.meta} beside each data file: what the object is (site and path), its
 * length and SHA-256 (checked against the data file at every start), upstream's validators and when
 * it was fetched and last validated. A properties file, UTF-8, replaced atomically ({@link
 * AtomicFile}); its directory's sync also makes the data file's rename before it durable. It is
 * sealed ({@link SealedFile}): a flipped bit in a date or a validator would otherwise be read as
 * another value and kept, since only the length and digest are checked against the data.
 */
final class MetaFile {

  static final int MAX_BYTES = 16 * 1024;
  private static final String FORMAT = "2";
  private static final String OLDER_FORMAT = "format=1";

  /** Metadata an older version wrote (format 1, unsealed): not damage, but not trusted either. */
  static final class OlderFormatException extends IOException {
    @Serial private static final long serialVersionUID = 1L;

    OlderFormatException() {
      super("its metadata is of an older version (format 1)");
    }
  }

  /** What a meta file says. */
  record Stored(
      ContentKey key,
      long length,
      String sha256,
      ObjectHeaders headers,
      Instant fetchedAt,
      Instant validatedAt) {}

  private MetaFile() {}

  /** Writes the metadata of {@code object} beside its data file; returns the file's size. */
  static long write(CachedObject object) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("format", FORMAT);
    properties.setProperty("site", object.key().site());
    properties.setProperty("path", object.key().path());
    properties.setProperty("length", Long.toString(object.length()));
    properties.setProperty("sha256", object.sha256());
    putIfPresent(properties, "etag", object.headers().etag());
    putIfPresent(properties, "lastModified", object.headers().lastModified());
    putIfPresent(properties, "contentType", object.headers().contentType());
    properties.setProperty("fetchedAt", object.fetchedAt().toString());
    properties.setProperty("validatedAt", object.validatedAt().toString());
    StringWriter text = new StringWriter();
    properties.store(text, "relay-agent content cache");
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES) {
      throw new IOException("metadata of " + object.key() + " exceeds " + MAX_BYTES + " bytes");
    }
    byte[] sealed = SealedFile.seal(bytes);
    AtomicFile.replace(object.metaFile(), sealed, FileAccess.PRIVATE);
    return sealed.length;
  }

  /**
   * Reads a meta file.
   *
   * @throws DamagedFileException if it fails its seal, has none, or is not valid metadata
   * @throws OlderFormatException if an older version wrote it
   * @throws IOException if it cannot be read
   */
  static Stored read(Path meta) throws IOException {
    SealedFile.Read read = SealedFile.read(meta, MAX_BYTES);
    String text = new String(read.content(), StandardCharsets.UTF_8);
    if (!read.sealed()) {
      if (text.lines().anyMatch(OLDER_FORMAT::equals)) {
        throw new OlderFormatException();
      }
      throw new DamagedFileException(
          meta, "no checksum line (emptied, cut short, or that line hit)");
    }
    try {
      Properties properties = new Properties();
      properties.load(new StringReader(text));
      if (!FORMAT.equals(properties.getProperty("format"))) {
        throw new IOException("unknown format " + properties.getProperty("format"));
      }
      ContentKey key = ContentKey.of(required(properties, "site"), required(properties, "path"));
      long length = Long.parseLong(required(properties, "length"));
      String sha256 = required(properties, "sha256");
      if (length < 0 || Base64.getDecoder().decode(sha256).length != 32) {
        throw new IOException("bad length or sha256");
      }
      ObjectHeaders headers =
          new ObjectHeaders(
              properties.getProperty("etag"),
              properties.getProperty("lastModified"),
              properties.getProperty("contentType"));
      return new Stored(
          key,
          length,
          sha256,
          headers,
          Instant.parse(required(properties, "fetchedAt")),
          Instant.parse(required(properties, "validatedAt")));
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      // Sealed, so as written: by something that is not this cache.
      throw new DamagedFileException(meta, "not valid metadata: " + e.getMessage());
    }
  }

  private static String required(Properties properties, String name) throws IOException {
    String value = properties.getProperty(name);
    if (value == null) {
      throw new IOException("no " + name);
    }
    return value;
  }

  private static void putIfPresent(Properties properties, String name, String value) {
    if (value != null) {
      properties.setProperty(name, value);
    }
  }
}
