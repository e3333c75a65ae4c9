package io.relayagent.xml;

import java.util.Objects;

/**
 * One problem found in an XML file, located precisely enough for an administrator to fix it.
 *
 * <p>Printed as {@code FILE:LINE:COLUMN: message}, the form editors and compilers use, so that a
 * terminal or an IDE can jump to it. A line or column of 0 means the position is unknown (for
 * example a file that could not be read at all).
 */
public record XmlProblem(String source, int line, int column, String message) {

  public XmlProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }

  /** A problem with the file as a whole (unreadable, too large), not with one place in it. */
  public static XmlProblem ofFile(String source, String message) {
    return new XmlProblem(source, 0, 0, message);
  }

  @Override
  public String toString() {
    return source + ":" + line + ":" + column + ": " + message;
  }
}
