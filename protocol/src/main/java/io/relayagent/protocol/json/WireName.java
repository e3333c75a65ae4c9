package io.relayagent.protocol.json;

/**
 * An enum whose constants travel as a fixed string ({@code "detection"}, {@code "high"}), written
 * and read as exactly that; any other string is refused, naming the ones allowed.
 */
public interface WireName {

  /** The constant's string on the wire. */
  String wireName();
}
