package io.relayagent.protocol.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.Serial;

/**
 * Writes every UTF-16 surrogate as a {@code \}{@code uXXXX} escape and everything else as Jackson
 * does. A string read from {@code "\}{@code ud800"} holds an unpaired surrogate, which has no UTF-8
 * form: written as a character it would reach the wire and the disk as {@code ?}, a different value
 * than the one accepted. As an escape it is written back exactly as it came (a pair, an emoji, is
 * written as its two escapes, the same value).
 */
final class SurrogateEscapes extends CharacterEscapes {
  @Serial private static final long serialVersionUID = 1L;

  private static final int[] ASCII = standardAsciiEscapesForJSON();

  @Override
  public int[] getEscapeCodesForAscii() {
    return ASCII.clone();
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    return Character.isSurrogate((char) ch)
        ? new SerializedString(String.format("\\u%04x", ch))
        : null;
  }
}
