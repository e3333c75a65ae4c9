package io.relayagent.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Whatever {@code Range} and {@code If-Range} a client sends for an object of any length, the
 * server and the relay serve the whole object, refuse with 416, or serve a part that lies within
 * the object.
 *
 * <p>An input is text: the object's length on the first line, the {@code Range} value on the second
 * (no second line: no header), the {@code If-Range} value on the third (none: no header). The
 * object's entity tag is {@value #TAG}.
 */
class RangeSelectionFuzzTest {

  private static final String TAG = "\"sha256-tag\"";

  @FuzzTest
  void of_anyHeaders_selectWithinTheObject(byte[] input) {
    String[] lines = new String(input, StandardCharsets.ISO_8859_1).split("\n", 3);
    long length;
    try {
      length = Long.parseLong(lines[0].trim());
    } catch (NumberFormatException notALength) {
      return;
    }
    if (length < 0) {
      return;
    }
    String range = lines.length > 1 ? lines[1] : null;
    String ifRange = lines.length > 2 ? lines[2] : null;

    RangeSelection selection = RangeSelection.of(range, ifRange, TAG, length);

    if (range == null || (ifRange != null && !ifRange.trim().equals(TAG))) {
      assertThat(selection).isEqualTo(RangeSelection.WHOLE);
    }
    if (selection instanceof RangeSelection.Part part) {
      assertThat(part.first()).isNotNegative().isLessThanOrEqualTo(part.last());
      assertThat(part.last()).isLessThan(length);
      assertThat(part.length()).isPositive().isLessThanOrEqualTo(length);
      assertThat(part.contentRange(length))
          .isEqualTo("bytes " + part.first() + "-" + part.last() + "/" + length);
    } else if (selection instanceof RangeSelection.Unsatisfiable) {
      assertThat(RangeSelection.unsatisfied(length)).isEqualTo("bytes */" + length);
    } else {
      assertThat(selection).isInstanceOf(RangeSelection.Whole.class);
    }
  }
}
