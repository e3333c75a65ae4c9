package io.relayagent.agent.events;

import io.relayagent.files.RecordScanner;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says what recovery found damaged in a queue file and what it did about it. */
final class RecoveryLog {

  private static final Logger log = LoggerFactory.getLogger(RecoveryLog.class);

  private RecoveryLog() {}

  /**
   * Logs the damage a scan found.
   *
   * @return how many records it cost: each damaged region, and a damaged (not torn) tail
   */
  static int damage(Path file, RecordScanner.Scan scan) {
    if (scan.skippedRegions() > 0) {
      log.warn(
          "event queue: skipped {} damaged region(s), {} bytes, in the middle of {}",
          scan.skippedRegions(),
          scan.skippedBytes(),
          file);
    }
    if (scan.tail() == RecordScanner.Tail.TORN) {
      log.warn(
          "event queue: cut {} bytes of torn tail from {} (an interrupted write)",
          scan.tailBytes(),
          file);
    } else if (scan.tail() == RecordScanner.Tail.DAMAGED) {
      log.warn(
          "event queue: cut {} bytes of damaged last record from {} (not an interrupted write)",
          scan.tailBytes(),
          file);
    }
    return scan.skippedRegions() + (scan.tail() == RecordScanner.Tail.DAMAGED ? 1 : 0);
  }
}
