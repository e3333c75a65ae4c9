package io.relayagent.agent.content;

import io.relayagent.files.DamagedFileException;
import io.relayagent.files.FileAccess;
import io.relayagent.files.SealedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code content/.installed.properties}: the SHA-256 of each file installed and the version of the
 * last catalog installed whole, sealed ({@link SealedFile}). A record that is damaged (or that an
 * older version wrote and a flipped bit made unreadable) is logged and read as empty: every file is
 * then checked against the next catalog and fetched again, so damage costs a download, never a
 * wrong version in {@code status} or a file kept that the catalog no longer describes.
 */
final class InstalledRecord {

  private static final Logger log = LoggerFactory.getLogger(InstalledRecord.class);
  private static final int MAX_BYTES = 8 << 20;
  private static final String VERSION = "catalog.version";
  private static final String FILE = "file.";

  private final Path file;

  InstalledRecord(Path file) {
    this.file = file;
  }

  /** What the record says, or nothing if there is none or it is damaged. */
  Properties read() throws IOException {
    Properties properties = new Properties();
    if (!Files.exists(file)) {
      return properties;
    }
    try {
      properties.load(new ByteArrayInputStream(SealedFile.read(file, MAX_BYTES).content()));
      if (version(properties) < 0) {
        throw new DamagedFileException(file, VERSION + " is not a version");
      }
      return properties;
    } catch (DamagedFileException e) {
      return forget(e.getMessage());
    } catch (IllegalArgumentException e) {
      return forget(file + ": damaged: " + e.getMessage()); // an unsealed record, not readable
    }
  }

  /** The version of the last catalog installed whole; 0 before the first. */
  long installedVersion() throws IOException {
    return version(read());
  }

  void write(Properties properties) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    properties.store(out, "content installed by relay-agent");
    SealedFile.replace(file, out.toByteArray(), FileAccess.PRIVATE);
  }

  static String fileKey(String name) {
    return FILE + name;
  }

  static void setVersion(Properties properties, long version) {
    properties.setProperty(VERSION, Long.toString(version));
  }

  private Properties forget(String why) {
    log.warn("{}; read as nothing installed: every file is checked at the next ASCI", why);
    return new Properties();
  }

  /** The version, 0 when none is recorded, -1 when what is recorded is not one. */
  private static long version(Properties properties) {
    try {
      long version = Long.parseLong(properties.getProperty(VERSION, "0"));
      return version < 0 ? -1 : version;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
