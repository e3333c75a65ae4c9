package io.relayagent.xml;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where each object of an unmarshalled tree started in its file, so that checks made after parsing
 * (a port out of range, a site listed twice) can still point at a line and column.
 */
public final class SourcePositions {

  /** A line and column in the source; {@code 0:0} when unknown. */
  public record Position(int line, int column) {
    public static final Position UNKNOWN = new Position(0, 0);
  }

  private final Map<Object, Position> positions = new IdentityHashMap<>();

  void record(Object node, int line, int column) {
    positions.put(node, new Position(line, column));
  }

  /** The position of a node of the tree, or {@link Position#UNKNOWN} for one built in code. */
  public Position of(Object node) {
    return positions.getOrDefault(node, Position.UNKNOWN);
  }
}
