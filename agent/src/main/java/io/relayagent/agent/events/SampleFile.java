package io.relayagent.agent.events;

import io.relayagent.protocol.agent.SampleData;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Reads a file into the data of a sample event ({@link SampleData}: name, size, SHA-256, content in
 * base64) once, when the sample is queued, so the queue keeps the file as it was even if it changes
 * or goes away.
 */
final class SampleFile {

  private SampleFile() {}

  /**
   * Reads a file into sample data, as UTF-8 JSON.
   *
   * @throws EventTooLargeException if the file is larger than {@code maxFileBytes}
   */
  static byte[] read(Path file, int maxFileBytes) throws IOException {
    long size = Files.size(file);
    if (size > maxFileBytes) {
      throw tooLarge(file, size, maxFileBytes);
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      // Read one byte past the limit: the file may have grown since its size was taken.
      content = in.readNBytes(maxFileBytes + 1);
    }
    if (content.length > maxFileBytes) {
      throw tooLarge(file, content.length, maxFileBytes);
    }
    return ProtocolJson.write(
        new SampleData(
            String.valueOf(file.getFileName()),
            content.length,
            HexFormat.of().formatHex(sha256(content)),
            Base64.getEncoder().encodeToString(content)));
  }

  private static EventTooLargeException tooLarge(Path file, long size, int maxFileBytes) {
    return new EventTooLargeException(
        "sample "
            + file
            + " is "
            + size
            + " bytes; samples of at most "
            + maxFileBytes
            + " bytes are sent");
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
