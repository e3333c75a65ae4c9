package io.relayagent.server.repo;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a representation a {@code Range} header selects, read exactly as a relay's content
 * cache reads it (docs/content-protocol.md): one {@code bytes} range is honoured; several ranges,
 * another unit or bad syntax select the whole; a range that starts at or beyond the end is
 * unsatisfiable.
 *
 * @param first the first byte, or -1 for {@link #UNSATISFIABLE}
 * @param last the last byte, inclusive
 */
record ByteRange(long first, long last) {
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  private static final Pattern SPEC = Pattern.compile("([0-9]{0,18})-([0-9]{0,18})");

  long length() {
    return last - first + 1;
  }

  /** The range {@code header} selects in {@code length} bytes; {@code null} for the whole. */
  static ByteRange select(String header, long length) {
    if (header == null) {
      return null;
    }
    String value = header.trim();
    if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=") || value.indexOf(',') >= 0) {
      return null;
    }
    Matcher spec = SPEC.matcher(value.substring("bytes=".length()).trim());
    if (!spec.matches() || (spec.group(1).isEmpty() && spec.group(2).isEmpty())) {
      return null;
    }
    if (spec.group(1).isEmpty()) {
      long suffix = Long.parseLong(spec.group(2));
      if (suffix == 0 || length == 0) {
        return UNSATISFIABLE;
      }
      return new ByteRange(Math.max(0, length - suffix), length - 1);
    }
    long first = Long.parseLong(spec.group(1));
    if (!spec.group(2).isEmpty() && Long.parseLong(spec.group(2)) < first) {
      return null;
    }
    if (first >= length) {
      return UNSATISFIABLE;
    }
    long last = spec.group(2).isEmpty() ? length - 1 : Long.parseLong(spec.group(2));
    return new ByteRange(first, Math.min(last, length - 1));
  }
}
