package io.relayagent.agent.events;

import io.relayagent.files.RecordFormat;
import io.relayagent.files.RecordScanner;

/**
 * The framing of every record in the queue's files: a {@link RecordFormat} with a magic, {@code
 * [magic][length][crc][payload]}. The magic lets recovery find the next intact record after a
 * damaged one; its first byte, 0xFE, never occurs in UTF-8 text, and its last byte is the format
 * version.
 */
final class QueueFormat {

  /** No record holds more than 8 MiB; a length field above this is damage, not a record. */
  static final RecordFormat RECORDS = RecordFormat.withMagic(0xFE_45_51_01, 8 << 20);

  static final RecordScanner SCANNER = new RecordScanner(RECORDS);
  static final int HEADER_BYTES = RECORDS.headerBytes();

  private QueueFormat() {}
}
