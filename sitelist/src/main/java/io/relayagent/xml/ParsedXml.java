package io.relayagent.xml;

import java.util.Objects;

/**
 * A document read from a named source, with the positions of its nodes.
 *
 * @param source the file name (or other label) used in every message about this document
 * @param value the root object
 * @param positions where each node of {@code value} started in the source
 */
public record ParsedXml<T>(String source, T value, SourcePositions positions) {

  public ParsedXml {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(positions, "positions");
  }

  /** A problem located at the start of {@code node} in this document. */
  public XmlProblem problemAt(Object node, String message) {
    SourcePositions.Position p = positions.of(node);
    return new XmlProblem(source, p.line(), p.column(), message);
  }
}
