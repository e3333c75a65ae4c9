package io.relayagent.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Scanning a whole file: torn tails, flipped bits, and stepping over damage where a magic allows.
 */
class RecordScannerTest {

  private final List<String> seen = new ArrayList<>();

  @Test
  void scan_wholeRecords_areAllSeen() {
    byte[] log = log(RecordFormatTest.WITH_MAGIC, "one", "two", "three");

    RecordScanner.Scan scan = scan(RecordFormatTest.WITH_MAGIC, log);

    assertThat(seen).containsExactly("one", "two", "three");
    assertThat(scan).isEqualTo(new RecordScanner.Scan(log.length, 0, 0));
  }

  @Test
  void scan_tornTail_endsAtTheLastWholeRecord() {
    RecordFormat format = RecordFormatTest.WITH_MAGIC;
    byte[] whole = log(format, "one", "two");
    byte[] third = format.frame(bytes("three")).array();
    byte[] torn = concat(whole, Arrays.copyOf(third, third.length / 2));

    RecordScanner.Scan scan = scan(format, torn);

    assertThat(seen).containsExactly("one", "two");
    assertThat(scan.intactEnd()).isEqualTo(whole.length);
    assertThat(scan.skippedRegions()).isZero();
  }

  @Test
  void scan_garbageTail_endsAtTheLastWholeRecord() {
    byte[] whole = log(RecordFormatTest.WITH_MAGIC, "one");
    byte[] garbage = new byte[5000];
    new Random(42).nextBytes(garbage);

    RecordScanner.Scan scan = scan(RecordFormatTest.WITH_MAGIC, concat(whole, garbage));

    assertThat(seen).containsExactly("one");
    assertThat(scan.intactEnd()).isEqualTo(whole.length);
  }

  @Test
  void scan_withMagic_flippedBitInTheMiddle_isSteppedOver() {
    RecordFormat format = RecordFormatTest.WITH_MAGIC;
    byte[] log = log(format, "one", "two", "three");
    int frame = format.headerBytes() + 3;
    log[frame + frame / 2] ^= 0x10;

    RecordScanner.Scan scan = scan(format, log);

    assertThat(seen).containsExactly("one", "three");
    assertThat(scan).isEqualTo(new RecordScanner.Scan(log.length, frame, 1));
  }

  @Test
  void scan_withMagic_damagedLengthField_theNextRecordIsFoundAgain() {
    RecordFormat format = RecordFormatTest.WITH_MAGIC;
    byte[] log = log(format, "one", "two", "three");
    log[format.headerBytes() + 3 + 5] ^= 0x01;

    scan(format, log);

    assertThat(seen).containsExactly("one", "three");
  }

  @Test
  void scan_withoutMagic_flippedBitInTheMiddle_endsTheLog() {
    RecordFormat format = RecordFormatTest.WITHOUT_MAGIC;
    byte[] log = log(format, "one", "two", "three");
    int frame = format.headerBytes() + 3;
    log[frame + frame / 2] ^= 0x10;

    RecordScanner.Scan scan = scan(format, log);

    assertThat(seen).containsExactly("one");
    assertThat(scan).isEqualTo(new RecordScanner.Scan(frame, 0, 0));
  }

  @Test
  void scan_offsetsAndLengths_locateEachFrame() {
    RecordFormat format = RecordFormatTest.WITH_MAGIC;
    byte[] log = log(format, "a", "bb");
    List<long[]> frames = new ArrayList<>();

    new RecordScanner(format)
        .scan(log, (offset, length, payload) -> frames.add(new long[] {offset, length}));

    int header = format.headerBytes();
    assertThat(frames)
        .containsExactly(new long[] {0, header + 1}, new long[] {header + 1, header + 2});
  }

  private RecordScanner.Scan scan(RecordFormat format, byte[] log) {
    return new RecordScanner(format)
        .scan(
            log,
            (offset, length, payload) ->
                seen.add(StandardCharsets.UTF_8.decode(payload).toString()));
  }

  static byte[] log(RecordFormat format, String... payloads) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String payload : payloads) {
      out.writeBytes(format.frame(bytes(payload)).array());
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
