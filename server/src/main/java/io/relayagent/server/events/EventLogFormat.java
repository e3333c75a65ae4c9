package io.relayagent.server.events;

import io.relayagent.files.RecordFormat;

/**
 * The record format of {@code events.log}: a {@link RecordFormat} without a magic, so a 4-byte
 * length {@code n} (big-endian, 1 to 8 MiB), a 4-byte CRC32C of the length's 4 bytes followed by
 * the payload, then {@code n} bytes of payload (one event as UTF-8 JSON). The checksum covers the
 * length too, so a torn or damaged header is caught, not taken for a huge record.
 */
final class EventLogFormat {

  /** Larger than any event a 4 MiB batch can carry. */
  static final RecordFormat RECORDS = RecordFormat.withoutMagic(8 * 1024 * 1024);

  private EventLogFormat() {}
}
