package io.relayagent.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.http.RangeSelection.Part;
import org.junit.jupiter.api.Test;

/**
 * Ranges read as docs/content-protocol.md's table says, at the server and at a relay alike (the
 * cases of both, which used to parse ranges apart, are here).
 */
class RangeSelectionTest {

  private static final String TAG = "\"tag\"";

  private static RangeSelection select(String range, long length) {
    return RangeSelection.of(range, null, TAG, length);
  }

  @Test
  void of_singleRanges_selectParts() {
    assertThat(select("bytes=0-99", 1000)).isEqualTo(new Part(0, 99));
    assertThat(select("bytes=500-", 1000)).isEqualTo(new Part(500, 999));
    assertThat(select("bytes=-100", 1000)).isEqualTo(new Part(900, 999));
    assertThat(select("bytes=-5000", 1000)).isEqualTo(new Part(0, 999));
    assertThat(select("bytes=990-5000", 1000)).isEqualTo(new Part(990, 999));
    assertThat(select("Bytes = 1-2 ", 1000)).isEqualTo(new Part(1, 2));
    assertThat(select("bytes=0-99999999999999999999999", 1000)).isEqualTo(new Part(0, 999));
  }

  @Test
  void of_singleRangesOfASmallObject_selectParts() {
    assertThat(select("bytes=2-5", 16)).isEqualTo(new Part(2, 5));
    assertThat(select("bytes=2-", 16)).isEqualTo(new Part(2, 15));
    assertThat(select("bytes=10-99", 16)).isEqualTo(new Part(10, 15));
    assertThat(select("bytes=-3", 16)).isEqualTo(new Part(13, 15));
    assertThat(select("bytes=-99", 16)).isEqualTo(new Part(0, 15));
  }

  @Test
  void of_startBeyondEnd_isUnsatisfiable() {
    assertThat(select("bytes=1000-", 1000)).isEqualTo(RangeSelection.UNSATISFIABLE);
    assertThat(select("bytes=16-", 16)).isEqualTo(RangeSelection.UNSATISFIABLE);
    // Beyond any length: still a range that starts after the end (the server used to ignore it).
    assertThat(select("bytes=99999999999999999999-", 1000)).isEqualTo(RangeSelection.UNSATISFIABLE);
    assertThat(select("bytes=-0", 1000)).isEqualTo(RangeSelection.UNSATISFIABLE);
    assertThat(select("bytes=0-", 0)).isEqualTo(RangeSelection.UNSATISFIABLE);
    assertThat(select("bytes=-10", 0)).isEqualTo(RangeSelection.UNSATISFIABLE);
  }

  @Test
  void of_unusableHeader_selectsWhole() {
    for (String range :
        new String[] {
          null,
          "bytes=0-1,5-6",
          "bytes=5-1",
          "items=0-1",
          "bytes",
          "bytes=",
          "bytes=-",
          "bytes=a-b",
          "bytes=+1-2",
          "bytes=0x1-2",
          "bytes=1-2-3",
          "bytes=-1-"
        }) {
      assertThat(select(range, 1000)).as(range).isEqualTo(RangeSelection.WHOLE);
    }
  }

  @Test
  void of_ifRange_mustBeTheObjectsTag() {
    assertThat(RangeSelection.of("bytes=0-1", TAG, TAG, 10)).isEqualTo(new Part(0, 1));
    assertThat(RangeSelection.of("bytes=0-1", "\"old\"", TAG, 10)).isEqualTo(RangeSelection.WHOLE);
    assertThat(RangeSelection.of("bytes=0-1", "Mon, 02 Mar 2026 10:00:00 GMT", TAG, 10))
        .isEqualTo(RangeSelection.WHOLE);
  }

  @Test
  void contentRange_namesThePartOrTheLength() {
    assertThat(new Part(1, 3).contentRange(5)).isEqualTo("bytes 1-3/5");
    assertThat(new Part(1, 3).length()).isEqualTo(3);
    assertThat(RangeSelection.unsatisfied(5)).isEqualTo("bytes */5");
  }
}
