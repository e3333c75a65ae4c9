package io.relayagent.protocol.http;

/**
 * The part of a representation a {@code GET} asks for with {@code Range} (RFC 9110, section 14), as
 * the server's repository and a relay's content cache both read it (docs/content-protocol.md): one
 * {@code bytes} range at most, {@code a-b}, {@code a-} or the suffix {@code -n}.
 *
 * <p>A header this does not understand (another unit, bad syntax, last before first) is ignored, as
 * the RFC allows, and so is a list of several ranges: the whole object is cheaper to send than a
 * multipart answer, and an agent resuming a download asks for one range. {@code If-Range} is
 * honoured only with the object's own strong entity tag; any other value (another tag, a date)
 * means the whole object. {@code HEAD} is not for this class: it describes the whole.
 *
 * <pre>{@code
 * RangeSelection selection = RangeSelection.of(range, ifRange, etag, length);
 * if (selection instanceof RangeSelection.Part part)  // 206, Content-Range: part.contentRange(length)
 * if (selection == RangeSelection.UNSATISFIABLE)       // 416, RangeSelection.unsatisfied(length)
 * }</pre>
 */
public sealed interface RangeSelection {

  /** The whole object, {@code 200}. */
  record Whole() implements RangeSelection {}

  /** Bytes {@code first} to {@code last}, inclusive, {@code 206}. */
  record Part(long first, long last) implements RangeSelection {
    public long length() {
      return last - first + 1;
    }

    /** {@code Content-Range} of a {@code 206}: {@code bytes a-b/<length>}. */
    public String contentRange(long completeLength) {
      return "bytes " + first + "-" + last + "/" + completeLength;
    }
  }

  /** A range that starts beyond the object's end, {@code 416}. */
  record Unsatisfiable() implements RangeSelection {}

  RangeSelection WHOLE = new Whole();
  RangeSelection UNSATISFIABLE = new Unsatisfiable();

  /** {@code Content-Range} of a {@code 416}: {@code bytes *}{@code /<length>}. */
  static String unsatisfied(long completeLength) {
    return "bytes */" + completeLength;
  }

  /**
   * What {@code range} and {@code ifRange} (either may be {@code null}) select of an object of
   * {@code length} bytes whose entity tag is {@code entityTag}.
   */
  static RangeSelection of(String range, String ifRange, String entityTag, long length) {
    if (range == null || (ifRange != null && !ifRange.trim().equals(entityTag))) {
      return WHOLE;
    }
    int equals = range.indexOf('=');
    if (equals < 0 || !range.substring(0, equals).trim().equalsIgnoreCase("bytes")) {
      return WHOLE;
    }
    String spec = range.substring(equals + 1).trim();
    int dash = spec.indexOf('-');
    if (spec.indexOf(',') >= 0 || dash < 0) {
      return WHOLE;
    }
    String start = spec.substring(0, dash).trim();
    String end = spec.substring(dash + 1).trim();
    if (start.isEmpty()) {
      long suffix = number(end);
      if (suffix < 0) {
        return WHOLE;
      }
      return suffix == 0 || length == 0
          ? UNSATISFIABLE
          : new Part(Math.max(0, length - suffix), length - 1);
    }
    long first = number(start);
    long last = end.isEmpty() ? Long.MAX_VALUE : number(end);
    if (first < 0 || last < first) {
      return WHOLE;
    }
    return first >= length ? UNSATISFIABLE : new Part(first, Math.min(last, length - 1));
  }

  /** Decimal digits as a number, saturating at {@code Long.MAX_VALUE}; -1 if not digits. */
  private static long number(String digits) {
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }
}
