package io.relayagent.protocol.repo;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of repository files: {@code /}-separated segments of letters, digits, {@code .}, {@code
 * _} and {@code -}, none starting or ending with a dot ({@code .}, {@code ..} and hidden files are
 * never names, and a trailing dot, which Windows strips, cannot alias another name). A name is both
 * the file's path below {@code repo/} and its URL below {@code /repo/}, so it needs no escaping,
 * and no name can reach outside the repository.
 */
public final class RepositoryName {
  public static final int MAX_LENGTH = 512;
  public static final int MAX_SEGMENTS = 16;

  public static final String CATALOG = "catalog.json";
  public static final String SIGNATURE = "catalog.json.sig";
  public static final String CHAIN = "catalog.json.chain";

  /** Served by the server itself: a repository file of the same name is ignored. */
  public static final Set<String> RESERVED = Set.of(CATALOG, SIGNATURE, CHAIN);

  private static final Pattern SEGMENT =
      Pattern.compile("[A-Za-z0-9_-](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9_-])?");

  private RepositoryName() {}

  /**
   * {@code name} if it is a valid file name.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static String check(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a name has 1 to " + MAX_LENGTH + " characters");
    }
    String[] segments = name.split("/", -1);
    if (segments.length > MAX_SEGMENTS) {
      throw new IllegalArgumentException("a name has at most " + MAX_SEGMENTS + " segments");
    }
    for (String segment : segments) {
      if (!isSegment(segment)) {
        throw new IllegalArgumentException(
            "each segment of a name is 1-128 letters, digits, '.', '_' or '-', not starting or"
                + " ending with '.'");
      }
    }
    return name;
  }

  /** Whether {@code segment} may be one segment of a name (a file or a directory). */
  public static boolean isSegment(String segment) {
    return SEGMENT.matcher(segment).matches();
  }
}
