package io.relayagent.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a log from its start up to the first record that is not whole. */
class RecordReaderTest {
  private static final RecordFormat FORMAT = RecordFormatTest.WITHOUT_MAGIC;

  @Test
  void next_wholeLog_readsEveryRecord() throws IOException {
    byte[] log = RecordScannerTest.log(FORMAT, "one", "two", "three");

    assertThat(readAll(log)).containsExactly("one", "two", "three");
    assertThat(end(log)).isEqualTo(log.length);
  }

  @Test
  void next_tornPayload_endsAfterTheLastWholeRecord() throws IOException {
    byte[] whole = RecordScannerTest.log(FORMAT, "one", "two");
    byte[] third = FORMAT.frame(RecordScannerTest.bytes("three")).array();
    byte[] log = RecordScannerTest.concat(whole, Arrays.copyOf(third, third.length - 1));

    assertThat(readAll(log)).containsExactly("one", "two");
    assertThat(end(log)).isEqualTo(whole.length);
  }

  @Test
  void next_tornHeader_endsAfterTheLastWholeRecord() throws IOException {
    byte[] whole = RecordScannerTest.log(FORMAT, "one");
    byte[] log = RecordScannerTest.concat(whole, new byte[] {0, 0, 1});

    assertThat(readAll(log)).containsExactly("one");
    assertThat(end(log)).isEqualTo(whole.length);
  }

  @Test
  void next_flippedBit_endsTheLogThere_evenIfWholeRecordsFollow() throws IOException {
    byte[] log = RecordScannerTest.log(FORMAT, "one", "two", "three");
    int frame = FORMAT.headerBytes() + 3;
    log[frame + FORMAT.headerBytes()] ^= 0x04;

    assertThat(readAll(log)).containsExactly("one");
    assertThat(end(log)).isEqualTo(frame);
  }

  @Test
  void next_implausibleLength_endsTheLog_withoutReadingIt() throws IOException {
    byte[] log = {0x7F, 0, 0, 0, 0, 0, 0, 0, 'x'};

    assertThat(readAll(log)).isEmpty();
    assertThat(end(log)).isZero();
  }

  @Test
  void next_withMagic_badMagic_endsTheLog() throws IOException {
    RecordFormat format = RecordFormatTest.WITH_MAGIC;
    byte[] log = RecordScannerTest.log(format, "one", "two");
    log[format.headerBytes() + 3] = 0x00;

    RecordReader reader = new RecordReader(format, new ByteArrayInputStream(log));
    assertThat(reader.next()).isEqualTo(RecordScannerTest.bytes("one"));
    assertThat(reader.next()).isNull();
    assertThat(reader.end()).isEqualTo(format.headerBytes() + 3);
  }

  private static List<String> readAll(byte[] log) throws IOException {
    RecordReader reader = new RecordReader(FORMAT, new ByteArrayInputStream(log));
    List<String> payloads = new ArrayList<>();
    for (byte[] payload = reader.next(); payload != null; payload = reader.next()) {
      payloads.add(new String(payload, StandardCharsets.UTF_8));
    }
    return payloads;
  }

  private static long end(byte[] log) throws IOException {
    RecordReader reader = new RecordReader(FORMAT, new ByteArrayInputStream(log));
    while (reader.next() != null) {
      // read to the end
    }
    return reader.end();
  }
}
