package io.relayagent.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadCountersTest {

  @Test
  void resultLine_sortedKeys_readBackByParse() {
    LoadCounters counters = new LoadCounters();
    counters.increment("tunnels.ok");
    counters.increment("tunnels.ok");
    counters.add("bytes", 4096);
    counters.increment("attempts.failed.relay2");

    String line = counters.resultLine();

    assertThat(line).isEqualTo("RESULT attempts.failed.relay2=1 bytes=4096 tunnels.ok=2");
    assertThat(LoadCounters.parse(List.of("progress ...", line)))
        .contains(Map.of("attempts.failed.relay2", 1L, "bytes", 4096L, "tunnels.ok", 2L));
  }

  @Test
  void parse_noResultLine_isEmpty() {
    assertThat(LoadCounters.parse(List.of("starting", "RESULTS are below"))).isEmpty();
  }

  @Test
  void parse_theLastResultLineWins() {
    assertThat(LoadCounters.parse(List.of("RESULT a=1", "RESULT a=2")).orElseThrow())
        .containsEntry("a", 2L);
  }

  @Test
  void parse_nothingCounted_isAnEmptyResult() {
    assertThat(LoadCounters.parse(List.of(new LoadCounters().resultLine())).orElseThrow())
        .isEmpty();
  }

  @Test
  void parse_malformedPair_isRefused() {
    assertThatThrownBy(() -> LoadCounters.parse(List.of("RESULT a=x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a=x");
  }

  @Test
  void get_neverCounted_isZero() {
    assertThat(new LoadCounters().get("downloads.corrupt")).isZero();
  }

  @Test
  void add_badName_isRefused() {
    assertThatThrownBy(() -> new LoadCounters().increment("two words"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
