package io.relayagent.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelayTargetTest {

  @Test
  void parseList_formatted_roundTrips() {
    List<RelayTarget> relays =
        List.of(new RelayTarget("relay1", "10.79.0.11"), new RelayTarget("relay2", "10.79.0.12"));

    assertThat(RelayTarget.format(relays)).isEqualTo("relay1@10.79.0.11,relay2@10.79.0.12");
    assertThat(RelayTarget.parseList(RelayTarget.format(relays))).isEqualTo(relays);
  }

  @Test
  void parseList_itemWithoutName_isRefused() {
    assertThatThrownBy(() -> RelayTarget.parseList("relay1@10.79.0.11,@10.79.0.12"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NAME@ADDRESS");
  }
}
