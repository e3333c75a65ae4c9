package io.relayagent.agent.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Rewrites a segment without its removed records, so that events left behind (a low-priority event
 * among acknowledged ones, say) do not pin a whole file. The new file replaces the old one
 * atomically; a crash leaves one or the other, both holding the same queued events.
 */
final class SegmentCompactor {

  private SegmentCompactor() {}

  /**
   * Compacts {@code segment}, keeping those of the {@code queued} events that are in it; their
   * locations are updated. Records that no longer read back intact are left out and returned, for
   * the caller to remove from the queue.
   */
  static List<QueuedEvent> compact(
      QueueDirectory dir, Segment segment, Collection<QueuedEvent> queued) throws IOException {
    List<QueuedEvent> ordered = new ArrayList<>();
    for (QueuedEvent event : queued) {
      if (event.segment() == segment) {
        ordered.add(event);
      }
    }
    ordered.sort(Comparator.comparingLong(QueuedEvent::offset));
    List<QueuedEvent> kept = new ArrayList<>();
    List<Long> newOffsets = new ArrayList<>();
    List<QueuedEvent> damaged = new ArrayList<>();
    long[] written = {0};
    dir.replace(
        segment.path(),
        out -> {
          for (QueuedEvent event : ordered) {
            byte[] frame = segment.read(event.offset(), event.frameBytes());
            if (QueueFormat.RECORDS.intactFrameLength(frame, 0, frame.length) != frame.length) {
              damaged.add(event);
              continue;
            }
            kept.add(event);
            newOffsets.add(written[0]);
            ByteBuffer buffer = ByteBuffer.wrap(frame);
            while (buffer.hasRemaining()) {
              out.write(buffer);
            }
            written[0] += frame.length;
          }
        });
    segment.replaced(written[0]);
    for (int i = 0; i < kept.size(); i++) {
      kept.get(i).movedTo(segment, newOffsets.get(i));
    }
    return damaged;
  }
}
