package io.relayagent.server.repo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Ranges read as docs/content-protocol.md's table says, for a 16-byte object. */
class ByteRangeTest {

  @Test
  void select_oneRange() {
    assertThat(ByteRange.select("bytes=2-5", 16)).isEqualTo(new ByteRange(2, 5));
    assertThat(ByteRange.select("bytes=2-", 16)).isEqualTo(new ByteRange(2, 15));
    assertThat(ByteRange.select("bytes=10-99", 16)).isEqualTo(new ByteRange(10, 15));
    assertThat(ByteRange.select("bytes=-3", 16)).isEqualTo(new ByteRange(13, 15));
    assertThat(ByteRange.select("bytes=-99", 16)).isEqualTo(new ByteRange(0, 15));
  }

  @Test
  void select_unsatisfiable() {
    assertThat(ByteRange.select("bytes=16-", 16)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.select("bytes=-0", 16)).isSameAs(ByteRange.UNSATISFIABLE);
    assertThat(ByteRange.select("bytes=0-", 0)).isSameAs(ByteRange.UNSATISFIABLE);
  }

  @Test
  void select_ignored_meansTheWhole() {
    assertThat(ByteRange.select(null, 16)).isNull();
    assertThat(ByteRange.select("bytes=0-1,4-5", 16)).isNull();
    assertThat(ByteRange.select("items=0-1", 16)).isNull();
    assertThat(ByteRange.select("bytes=5-2", 16)).isNull();
    assertThat(ByteRange.select("bytes=-", 16)).isNull();
    assertThat(ByteRange.select("bytes=a-b", 16)).isNull();
    assertThat(ByteRange.select("bytes=99999999999999999999-", 16)).isNull();
  }
}
