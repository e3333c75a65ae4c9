package io.relayagent.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forced appends, reads back, and cutting a torn tail at open. */
class AppendOnlyFileTest {
  private static final RecordFormat FORMAT = RecordFormatTest.WITH_MAGIC;

  @TempDir Path dir;

  @Test
  void append_returnsEachRecordsOffset_andReadsBack() throws IOException {
    Path file = dir.resolve("events.log");
    byte[] first = FORMAT.frame(RecordScannerTest.bytes("one")).array();
    byte[] second = FORMAT.frame(RecordScannerTest.bytes("two")).array();

    try (AppendOnlyFile log = AppendOnlyFile.open(file, 0)) {
      assertThat(log.append(FORMAT.frame(RecordScannerTest.bytes("one")))).isZero();
      assertThat(log.append(FORMAT.frame(RecordScannerTest.bytes("two")))).isEqualTo(first.length);
      assertThat(log.size()).isEqualTo(first.length + second.length);
      assertThat(log.read(first.length, second.length)).isEqualTo(second);
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(RecordScannerTest.concat(first, second));
  }

  @Test
  void open_cutsEverythingAfterTheValidBytes_andAppendsGoThere() throws IOException {
    Path file = dir.resolve("events.log");
    byte[] whole = RecordScannerTest.log(FORMAT, "one");
    Files.write(file, RecordScannerTest.concat(whole, new byte[] {(byte) 0xFE, 0x45, 0x51}));

    try (AppendOnlyFile log = AppendOnlyFile.open(file, whole.length)) {
      assertThat(log.size()).isEqualTo(whole.length);
      log.append(FORMAT.frame(RecordScannerTest.bytes("two")));
    }

    byte[] after = Files.readAllBytes(file);
    assertThat(new RecordScanner(FORMAT).scan(after, (o, l, p) -> {}))
        .isEqualTo(
            new RecordScanner.Scan(
                after.length, after.length, java.util.List.of(), RecordScanner.Tail.NONE));
  }

  @Test
  void open_existingFile_appendsAfterIt() throws IOException {
    Path file = dir.resolve("events.log");
    byte[] whole = RecordScannerTest.log(FORMAT, "one");
    Files.write(file, whole);

    try (AppendOnlyFile log = AppendOnlyFile.open(file, Long.MAX_VALUE)) {
      assertThat(log.append(FORMAT.frame(RecordScannerTest.bytes("two")))).isEqualTo(whole.length);
    }
  }

  @Test
  void append_byAnInterruptedThread_stillWorks_andTheFileStaysOpen() throws IOException {
    try (AppendOnlyFile log = AppendOnlyFile.open(dir.resolve("events.log"), 0)) {
      Thread.currentThread().interrupt();
      try {
        log.append(FORMAT.frame(RecordScannerTest.bytes("one")));
      } finally {
        assertThat(Thread.interrupted()).as("the interrupt is left for its owner").isTrue();
      }
      log.append(FORMAT.frame(RecordScannerTest.bytes("two")));
      assertThat(log.size()).isEqualTo(2L * (FORMAT.headerBytes() + 3));
    }
  }

  @Test
  void read_pastTheEnd_namesTheFile() throws IOException {
    Path file = dir.resolve("events.log");
    try (AppendOnlyFile log = AppendOnlyFile.open(file, 0)) {
      log.append(FORMAT.frame(RecordScannerTest.bytes("one")));

      assertThatThrownBy(() -> log.read(4, 100))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("ends before offset 104");
    }
  }

  @Test
  void append_afterClose_isRefused() throws IOException {
    AppendOnlyFile log = AppendOnlyFile.open(dir.resolve("events.log"), 0);
    log.close();
    log.close();

    assertThatThrownBy(() -> log.append(FORMAT.frame(RecordScannerTest.bytes("one"))))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("is closed");
  }
}
