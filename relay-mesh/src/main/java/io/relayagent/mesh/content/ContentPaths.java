package io.relayagent.mesh.content;

import io.relayagent.protocol.ServerPaths;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code /content/<site>/<path>} from a request target, treating every character as hostile.
 *
 * <p>Each segment is percent-decoded exactly once (as UTF-8) and then checked, so an encoded slash,
 * dot or backslash is judged by what it means, and a second round of encoding ({@code %252e}) stays
 * a literal {@code %}, which is refused. Refused: empty, {@code .} and {@code ..} segments and any
 * segment ending in a dot or a space (Windows servers strip those, so {@code ".. "} would be {@code
 * ..} there); backslashes, {@code %}, {@code :}, the other characters Windows forbids in names, and
 * control characters; targets over {@value #MAX_TARGET_LENGTH} characters. The query string is
 * dropped: it is not part of the object's name.
 */
final class ContentPaths {

  static final String PREFIX = ServerPaths.RELAY_CONTENT;
  static final int MAX_TARGET_LENGTH = 1024;
  static final int MAX_SEGMENTS = 64;
  static final int MAX_SITE_NAME_LENGTH = 256;
  private static final String FORBIDDEN = "\\/%:*?\"<>|#";

  private ContentPaths() {}

  /**
   * The key a request target names.
   *
   * @throws IllegalArgumentException naming what is wrong, for a {@code 400} answer
   */
  static ContentKey parseTarget(String target) {
    if (target.length() > MAX_TARGET_LENGTH) {
      throw new IllegalArgumentException("the path is longer than " + MAX_TARGET_LENGTH);
    }
    int query = target.indexOf('?');
    String path = query >= 0 ? target.substring(0, query) : target;
    if (!path.startsWith(PREFIX)) {
      throw new IllegalArgumentException("the path does not start with " + PREFIX);
    }
    String[] raw = path.substring(PREFIX.length()).split("/", -1);
    if (raw.length < 2) {
      throw new IllegalArgumentException("expected /content/<site>/<path>");
    }
    if (raw.length > MAX_SEGMENTS + 1) {
      throw new IllegalArgumentException("the path has more than " + MAX_SEGMENTS + " segments");
    }
    String site = decode(raw[0]);
    checkSite(site);
    List<String> segments = new ArrayList<>(raw.length - 1);
    for (int i = 1; i < raw.length; i++) {
      String segment = decode(raw[i]);
      checkSegment(segment);
      segments.add(segment);
    }
    return new ContentKey(site, String.join("/", segments));
  }

  /** A site name follows the rules of a path segment, so hostile names fail the same way. */
  static void checkSite(String site) {
    if (site.length() > MAX_SITE_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "a site name has at most " + MAX_SITE_NAME_LENGTH + " chars");
    }
    checkSegment(site);
  }

  /** Checks a decoded path: segments joined by {@code /}. */
  static void checkPath(String path) {
    if (path.length() > MAX_TARGET_LENGTH) {
      throw new IllegalArgumentException("the path is longer than " + MAX_TARGET_LENGTH);
    }
    String[] segments = path.split("/", -1);
    if (segments.length > MAX_SEGMENTS) {
      throw new IllegalArgumentException("the path has more than " + MAX_SEGMENTS + " segments");
    }
    for (String segment : segments) {
      checkSegment(segment);
    }
  }

  private static void checkSegment(String segment) {
    if (segment.isEmpty()) {
      throw new IllegalArgumentException("the path has an empty segment");
    }
    char last = segment.charAt(segment.length() - 1);
    if (last == '.' || last == ' ') {
      throw new IllegalArgumentException("a path segment ends in a dot or a space");
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (isControl(c) || FORBIDDEN.indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            String.format("the path holds a forbidden character (U+%04X)", (int) c));
      }
    }
  }

  private static boolean isControl(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  /** Percent-decodes once; raw characters must be visible ASCII, the decoded bytes UTF-8. */
  private static String decode(String raw) {
    ByteBuffer bytes = ByteBuffer.allocate(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int value = i + 2 < raw.length() ? hexByte(raw.charAt(i + 1), raw.charAt(i + 2)) : -1;
        if (value < 0) {
          throw new IllegalArgumentException("the path has a malformed percent escape");
        }
        bytes.put((byte) value);
        i += 2;
      } else if (c > 0x20 && c < 0x7f) {
        bytes.put((byte) c);
      } else {
        throw new IllegalArgumentException("the path holds a character that must be escaped");
      }
    }
    bytes.flip();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the path is not valid UTF-8", e);
    }
  }

  private static int hexByte(char high, char low) {
    int h = hexDigit(high);
    int l = hexDigit(low);
    return h < 0 || l < 0 ? -1 : h << 4 | l;
  }

  /** ASCII hex digits only: {@link Character#digit} would also take fullwidth and other digits. */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char lower = (char) (c | 0x20);
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }
}
