package io.relayagent.mesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

/** Regression for issue 13, finding 6: a flood from many sources must not flood the log. */
class CappedLogTest {

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final Lines lines = new Lines();
  private final CappedLog log =
      new CappedLog(lines.logger, "bad packets", 3, Duration.ofMinutes(1), nanos::get);

  @Test
  void warn_overTheCap_isSuppressedAndSummarisedNextInterval() {
    for (int i = 0; i < 30_000; i++) {
      log.warn("bad packet from 10.0.{}.{}", i / 256, i % 256);
    }
    assertThat(lines.lines())
        .containsExactly(
            "bad packet from 10.0.0.0", "bad packet from 10.0.0.1", "bad packet from 10.0.0.2");
    assertThat(log.suppressed()).isEqualTo(29_997);

    nanos.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(log.warn("still the same minute")).isFalse();

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(log.warn("next minute")).isTrue();
    assertThat(lines.lines().subList(3, 5))
        .containsExactly(
            "29998 more bad packets suppressed (at most 3 logged per 60 s)", "next minute");
    assertThat(log.suppressed()).isZero();
  }

  @Test
  void warn_quietInterval_writesNoSummary() {
    log.warn("one");
    nanos.addAndGet(Duration.ofMinutes(5).toNanos());
    log.warn("two");
    assertThat(lines.lines()).containsExactly("one", "two");
  }

  @Test
  void describe_failureWithoutMessage_namesItsClass() {
    assertThat(CappedLog.describe(new ClosedChannelException()))
        .isEqualTo("ClosedChannelException");
    assertThat(CappedLog.describe(new IOException("reset"))).isEqualTo("IOException: reset");
  }

  /** Keeps the lines written, formatted, with SLF4J's own recording logger. */
  private static final class Lines {
    final Queue<SubstituteLoggingEvent> events = new ArrayDeque<>();
    final Logger logger =
        new EventRecordingLogger(new SubstituteLogger("test", events, false), events);

    List<String> lines() {
      return events.stream()
          .map(e -> MessageFormatter.basicArrayFormat(e.getMessage(), e.getArgumentArray()))
          .toList();
    }
  }
}
