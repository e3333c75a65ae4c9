package io.relayagent.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The frame layout of both record logs, and what makes a frame intact. */
class RecordFormatTest {
  static final RecordFormat WITH_MAGIC = RecordFormat.withMagic(0xFE_45_51_01, 1 << 20);
  static final RecordFormat WITHOUT_MAGIC = RecordFormat.withoutMagic(1 << 20);

  private static final byte[] PAYLOAD = "{\"id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void frame_isIntact_forItsWholeLength() {
    for (RecordFormat format : new RecordFormat[] {WITH_MAGIC, WITHOUT_MAGIC}) {
      byte[] frame = format.frame(PAYLOAD).array();

      assertThat(frame).hasSize(format.headerBytes() + PAYLOAD.length);
      assertThat(format.intactFrameLength(frame, 0, frame.length)).isEqualTo(frame.length);
    }
  }

  @Test
  void frame_withAndWithoutMagic_differOnlyByTheMagic() {
    byte[] withMagic = WITH_MAGIC.frame(PAYLOAD).array();
    byte[] withoutMagic = WITHOUT_MAGIC.frame(PAYLOAD).array();

    assertThat(WITH_MAGIC.headerBytes()).isEqualTo(12);
    assertThat(WITHOUT_MAGIC.headerBytes()).isEqualTo(8);
    assertThat(Arrays.copyOfRange(withMagic, 0, 4)).containsExactly(0xFE, 0x45, 0x51, 0x01);
    assertThat(Arrays.copyOfRange(withMagic, 4, withMagic.length)).isEqualTo(withoutMagic);
  }

  @Test
  void frame_knownBytes_areTheFormatOnDisk() {
    byte[] frame = WITHOUT_MAGIC.frame(new byte[] {'a'}).array();

    // length 1, then CRC32C over 00 00 00 01 61, then the payload.
    assertThat(frame).containsExactly(0, 0, 0, 1, 0xC5, 0x7D, 0xFE, 0x23, 0x61);
  }

  @Test
  void intactFrameLength_anyFlippedBit_isDamage() {
    for (RecordFormat format : new RecordFormat[] {WITH_MAGIC, WITHOUT_MAGIC}) {
      byte[] frame = format.frame(PAYLOAD).array();
      for (int at = 0; at < frame.length; at++) {
        for (int bit = 0; bit < 8; bit++) {
          byte[] damaged = frame.clone();
          damaged[at] ^= (byte) (1 << bit);
          assertThat(format.intactFrameLength(damaged, 0, damaged.length))
              .as("bit %d of byte %d", bit, at)
              .isEqualTo(-1);
        }
      }
    }
  }

  @Test
  void intactFrameLength_tornFrame_isDamage() {
    byte[] frame = WITH_MAGIC.frame(PAYLOAD).array();

    for (int end = 0; end < frame.length; end++) {
      assertThat(WITH_MAGIC.intactFrameLength(frame, 0, end)).isEqualTo(-1);
    }
  }

  @Test
  void frame_emptyOrOversizedPayload_isRefused() {
    assertThatThrownBy(() -> WITHOUT_MAGIC.frame(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordFormat.withoutMagic(4).frame(new byte[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 4 bytes");
  }
}
