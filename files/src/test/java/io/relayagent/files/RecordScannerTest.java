package io.relayagent.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    assertThat(scan)
        .isEqualTo(
            new RecordScanner.Scan(log.length, log.length, List.of(), RecordScanner.Tail.NONE));
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
    assertThat(scan.damaged()).containsExactly(new RecordScanner.Damage(frame, frame));
    assertThat(scan.intactEnd()).isEqualTo(log.length);
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
  void scan_withoutMagic_flippedBitAnywhereInTheMiddle_costsThatRecordOnly() {
    RecordFormat format = RecordFormatTest.WITHOUT_MAGIC;
    byte[] pristine = log(format, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    int frame = format.headerBytes() + 7;
    for (int at = frame; at < 2 * frame; at++) {
      byte[] log = pristine.clone();
      log[at] ^= (byte) (1 << (at % 8));
      seen.clear();

      RecordScanner.Scan scan = scan(format, log);

      assertThat(seen).as("bit flipped at %d", at).containsExactly("{\"n\":1}", "{\"n\":3}");
      assertThat(scan.damaged()).containsExactly(new RecordScanner.Damage(frame, frame));
      assertThat(scan.tail()).isEqualTo(RecordScanner.Tail.NONE);
    }
  }

  @Test
  void scan_tornTail_isTorn() {
    RecordFormat format = RecordFormatTest.WITHOUT_MAGIC;
    byte[] whole = log(format, "one", "two");
    byte[] third = format.frame(bytes("three")).array();

    RecordScanner.Scan scan = scan(format, concat(whole, Arrays.copyOf(third, third.length - 1)));

    assertThat(scan.tail()).isEqualTo(RecordScanner.Tail.TORN);
    assertThat(scan.intactEnd()).isEqualTo(whole.length);
    assertThat(scan.damaged()).isEmpty();
  }

  @Test
  void scan_zerosAfterTheLastRecord_areATornTail() {
    byte[] whole = log(RecordFormatTest.WITHOUT_MAGIC, "one");

    RecordScanner.Scan scan = scan(RecordFormatTest.WITHOUT_MAGIC, concat(whole, new byte[100]));

    assertThat(scan.tail()).isEqualTo(RecordScanner.Tail.TORN);
    assertThat(scan.tailBytes()).isEqualTo(100);
  }

  @Test
  void scan_flippedBitInTheLastRecord_isADamagedTail_notATornOne() {
    RecordFormat format = RecordFormatTest.WITHOUT_MAGIC;
    byte[] log = log(format, "one", "two");
    log[log.length - 1] ^= 0x01;

    RecordScanner.Scan scan = scan(format, log);

    assertThat(seen).containsExactly("one");
    assertThat(scan.tail()).isEqualTo(RecordScanner.Tail.DAMAGED);
    assertThat(scan.intactEnd()).isEqualTo(format.headerBytes() + 3);
  }

  @Test
  void scan_lastRecordsLengthFieldDamagedToRunPastTheEnd_isADamagedTail_notATornOne() {
    RecordFormat format = RecordFormatTest.WITHOUT_MAGIC;
    byte[] log = log(format, "one", "two");
    log[format.headerBytes() + 3 + 2] ^= 0x01; // "two"'s length: 3 becomes 259

    RecordScanner.Scan scan = scan(format, log);

    assertThat(seen).containsExactly("one");
    assertThat(scan.tail()).isEqualTo(RecordScanner.Tail.DAMAGED);
  }

  @Test
  void scan_implausibleLength_isNotReadAsARecord() {
    RecordScanner.Scan scan =
        scan(RecordFormatTest.WITHOUT_MAGIC, new byte[] {0x7F, 0, 0, 0, 0, 0, 0, 0, 'x'});

    assertThat(seen).isEmpty();
    assertThat(scan.intactEnd()).isZero();
  }

  @Test
  void scan_channel_stepsOverDamageLikeTheArrayScan(@TempDir Path dir) throws IOException {
    RecordFormat format = RecordFormatTest.WITHOUT_MAGIC;
    String big = "x".repeat(100_000); // larger than the channel's read window
    byte[] log = log(format, "one", big, "two", "three");
    log[2 * format.headerBytes() + 3 + big.length() + 4] ^= 0x20; // in "two"'s checksum
    Path file = dir.resolve("log");
    Files.write(file, log);

    RecordScanner.Scan scan;
    try (FileChannel channel = FileChannel.open(file)) {
      scan =
          new RecordScanner(format)
              .scan(
                  channel,
                  (offset, length, payload) ->
                      seen.add(StandardCharsets.UTF_8.decode(payload).toString()));
    }

    assertThat(seen).containsExactly("one", big, "three");
    assertThat(scan.skippedRegions()).isEqualTo(1);
    assertThat(scan).isEqualTo(scan(format, log));
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
