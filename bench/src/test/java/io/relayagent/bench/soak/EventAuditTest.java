package io.relayagent.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventAuditTest {

  @Test
  void build_everyEventStoredOnce_isExactlyOnce() {
    EventAudit audit =
        EventAudit.builder()
            .sent("agent1", "A")
            .sent("agent1", "B")
            .sent("agent2", "C")
            .stored("agent1", "a", "batch-1")
            .stored("agent1", "b", "batch-1")
            .stored("agent2", "c", "BATCH-2")
            .build();

    assertThat(audit.exactlyOnce()).isTrue();
    assertThat(audit).isEqualTo(new EventAudit(3, 3, 3, 0, 0, 0, 2));
  }

  @Test
  void build_anEventStoredTwice_isADuplicate() {
    EventAudit audit =
        EventAudit.builder()
            .sent("agent1", "a")
            .stored("agent1", "a", "batch-1")
            .stored("agent1", "a", "batch-2")
            .build();

    assertThat(audit.exactlyOnce()).isFalse();
    assertThat(audit.duplicates()).isEqualTo(1);
    assertThat(audit.storedOnce()).isEqualTo(1);
    assertThat(audit.lost()).isZero();
  }

  @Test
  void build_anEventNotStored_isLost() {
    EventAudit audit =
        EventAudit.builder()
            .sent("agent1", "a")
            .sent("agent1", "b")
            .stored("agent1", "a", null)
            .build();

    assertThat(audit.lost()).isEqualTo(1);
    assertThat(audit.exactlyOnce()).isFalse();
  }

  @Test
  void build_theSameIdOfAnotherAgent_isNotTheSentEvent() {
    EventAudit audit = EventAudit.builder().sent("agent1", "a").stored("agent2", "a", "b1").build();

    assertThat(audit.unexpected()).isEqualTo(1);
    assertThat(audit.lost()).isEqualTo(1);
    assertThat(audit.exactlyOnce()).isFalse();
  }

  @Test
  void sent_theSameEventTwice_isRefused() {
    EventAudit.Builder audit = EventAudit.builder().sent("agent1", "a");

    assertThatThrownBy(() -> audit.sent("agent1", "A"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sent twice");
  }
}
