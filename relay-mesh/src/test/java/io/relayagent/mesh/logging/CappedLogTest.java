package io.relayagent.mesh.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Regression for issue 13, finding 6: a flood from many sources must not flood the log. */
class CappedLogTest {

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final Lines lines = new Lines();
  private final CappedLog log =
      new CappedLog(lines, "bad packets", 3, Duration.ofMinutes(1), nanos::get);

  @Test
  void warn_overTheCap_isSuppressedAndSummarisedNextInterval() {
    for (int i = 0; i < 30_000; i++) {
      log.warn("bad packet from 10.0.{}.{}", i / 256, i % 256);
    }
    assertThat(lines.lines)
        .containsExactly(
            "bad packet from 10.0.0.0", "bad packet from 10.0.0.1", "bad packet from 10.0.0.2");
    assertThat(log.suppressed()).isEqualTo(29_997);

    nanos.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(log.warn("still the same minute")).isFalse();

    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(log.warn("next minute")).isTrue();
    assertThat(lines.lines.subList(3, 5))
        .containsExactly(
            "29998 more bad packets suppressed (at most 3 lines logged per PT1M)", "next minute");
    assertThat(log.suppressed()).isZero();
  }

  @Test
  void warn_quietInterval_writesNoSummary() {
    log.warn("one");
    nanos.addAndGet(Duration.ofMinutes(5).toNanos());
    log.warn("two");
    assertThat(lines.lines).containsExactly("one", "two");
  }

  @Test
  void describe_failureWithoutMessage_namesItsClass() {
    assertThat(CappedLog.describe(new ClosedChannelException()))
        .isEqualTo("ClosedChannelException");
    assertThat(CappedLog.describe(new IOException("reset"))).isEqualTo("IOException: reset");
  }

  /** Keeps the lines written, formatted. */
  private static final class Lines extends AbstractLogger {
    private static final long serialVersionUID = 1L;
    final transient List<String> lines = new ArrayList<>();

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String format, Object[] arguments, Throwable throwable) {
      lines.add(MessageFormatter.basicArrayFormat(format, arguments));
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return true;
    }
  }
}
