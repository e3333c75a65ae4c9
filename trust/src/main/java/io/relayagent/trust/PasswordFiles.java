package io.relayagent.trust;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a password from a file, so that it never appears on a command line (which every local user
 * can see in the process list) nor in the policy itself.
 */
public final class PasswordFiles {
  private static final long MAX_FILE_SIZE = 4096;

  private PasswordFiles() {}

  /**
   * The file's first line, without its line end: an editor's trailing newline is not part of the
   * password. Empty passwords are refused because they protect nothing.
   */
  public static char[] read(Path file) throws TrustFileException {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw new TrustFileException(file, "larger than " + MAX_FILE_SIZE + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TrustFileException(file, "no such file", e);
    } catch (IOException e) {
      throw new TrustFileException(file, "cannot be read: " + e.getMessage(), e);
    }
    CharBuffer chars;
    try {
      chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new TrustFileException(file, "is not UTF-8 text", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    int end = 0;
    while (end < chars.length() && chars.charAt(end) != '\n' && chars.charAt(end) != '\r') {
      end++;
    }
    char[] password = new char[end];
    chars.get(password, 0, end);
    Arrays.fill(chars.array(), '\0');
    if (password.length == 0) {
      throw new TrustFileException(file, "the password in it is empty");
    }
    return password;
  }
}
