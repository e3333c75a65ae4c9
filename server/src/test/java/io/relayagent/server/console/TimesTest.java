package io.relayagent.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimesTest {

  @Test
  void format_offsetTime_isShownInUtcToTheSecond() {
    assertThat(Times.format("2026-03-02T12:00:05.123456+02:00"))
        .isEqualTo("2026-03-02 10:00:05 UTC");
  }

  @Test
  void format_notATime_isShownAsItIs() {
    assertThat(Times.format("<b>soon</b>")).isEqualTo("<b>soon</b>");
    assertThat(Times.format(null)).isEqualTo("-");
  }
}
