package io.relayagent.agent.events;

import io.relayagent.files.RecordScanner;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says what recovery found damaged in a queue file and what it did about it. */
final class RecoveryLog {

  private static final Logger log = LoggerFactory.getLogger(RecoveryLog.class);

  private RecoveryLog() {}

  static void damage(Path file, long fileBytes, RecordScanner.Scan scan) {
    if (scan.skippedRegions() > 0) {
      log.warn(
          "event queue: skipped {} damaged region(s), {} bytes, in the middle of {}",
          scan.skippedRegions(),
          scan.skippedBytes(),
          file);
    }
    if (scan.intactEnd() < fileBytes) {
      log.warn(
          "event queue: cut {} bytes of torn or damaged tail from {} (an interrupted write)",
          fileBytes - scan.intactEnd(),
          file);
    }
  }
}
