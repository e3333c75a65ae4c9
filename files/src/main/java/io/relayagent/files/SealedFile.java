package io.relayagent.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * A small text file the program writes whole ({@link AtomicFile}) and reads back at a later start,
 * sealed against damage: its last line is {@code #crc32c <8 hex digits>}, the CRC32C of every byte
 * before that line. Reading checks the seal, so one flipped bit anywhere (a bad sector, a bad
 * cable) is found, never read as another value: a digit of a count or a date, a letter of a name.
 * The line starts with {@code #}, a comment in a properties file; for JSON, {@link #read} takes it
 * off before the JSON is parsed.
 *
 * <p>A file with no seal line is returned {@link Read#sealed() unsealed}, for the caller to decide:
 * it was written before files were sealed, or its seal line is what a flipped bit hit (then the
 * rest is as written). A strict reader (JSON refuses text after its value) still refuses a damaged
 * seal line that is no longer a line of its own.
 *
 * <pre>{@code
 * SealedFile.replace(dir.resolve("edge-relays.json"), json, FileAccess.PRIVATE);
 * SealedFile.Read read = SealedFile.read(dir.resolve("edge-relays.json"), 1 << 20);
 * EdgeRelayList list = ProtocolJson.read(read.content(), 1 << 20, EdgeRelayList.class);
 * }</pre>
 */
public final class SealedFile {

  private static final String MARK = "#crc32c ";
  private static final int SEAL_BYTES = MARK.length() + 8 + 1;

  /** What a file holds without its seal line, and whether it had one (which matched). */
  public record Read(byte[] content, boolean sealed) {}

  private SealedFile() {}

  /** Writes {@code content} and its seal to {@code file}, replacing it whole. */
  public static void replace(Path file, byte[] content, FileAccess access) throws IOException {
    AtomicFile.replace(file, seal(content), access);
  }

  /** {@code content}, ended with a line break if it has none, then the seal line. */
  public static byte[] seal(byte[] content) {
    boolean ended = content.length > 0 && content[content.length - 1] == '\n';
    byte[] body = ended ? content : Arrays.copyOf(content, content.length + 1);
    body[body.length - 1] = '\n';
    byte[] line = (MARK + checksum(body, body.length) + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] sealed = Arrays.copyOf(body, body.length + line.length);
    System.arraycopy(line, 0, sealed, body.length, line.length);
    return sealed;
  }

  /**
   * Reads {@code file}, whose content (its seal line aside) is at most {@code maxBytes}, and checks
   * its seal.
   *
   * @throws DamagedFileException if the file has a seal line and its content does not match it
   * @throws IOException if the file cannot be read or is larger than that
   */
  public static Read read(Path file, int maxBytes) throws IOException {
    int limit = maxBytes + 1 + SEAL_BYTES; // a line break added, then the seal
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(limit + 1); // one past the limit: the file may be growing
    }
    if (bytes.length > limit) {
      throw new IOException(file + ": larger than " + maxBytes + " bytes");
    }
    return unseal(bytes, file);
  }

  /** Checks the seal of {@code bytes}, the content of {@code file}. */
  public static Read unseal(byte[] bytes, Path file) throws DamagedFileException {
    int body = bytes.length - SEAL_BYTES;
    // The line break before the seal is the body's, under its checksum: a flip there is damage.
    if (body < 0 || !isSealLine(bytes, body)) {
      return new Read(bytes, false);
    }
    String stored = new String(bytes, body + MARK.length(), 8, StandardCharsets.US_ASCII);
    String actual = checksum(bytes, body);
    if (!stored.equals(actual)) {
      throw new DamagedFileException(
          file,
          "its content does not match its checksum (crc32c "
              + stored
              + " written, "
              + actual
              + " read)");
    }
    return new Read(Arrays.copyOf(bytes, body), true);
  }

  private static boolean isSealLine(byte[] bytes, int at) {
    byte[] mark = MARK.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < mark.length; i++) {
      if (bytes[at + i] != mark[i]) {
        return false;
      }
    }
    for (int i = at + mark.length; i < bytes.length - 1; i++) {
      if (Character.digit(bytes[i], 16) < 0 || Character.isUpperCase(bytes[i])) {
        return false;
      }
    }
    return bytes[bytes.length - 1] == '\n';
  }

  private static String checksum(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }
}
