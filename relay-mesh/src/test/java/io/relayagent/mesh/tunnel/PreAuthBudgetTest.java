package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class PreAuthBudgetTest {

  private final PreAuthBudget budget = new PreAuthBudget(5, 3);

  @Test
  void tryAcquire_overPerSource_refusedWhileOthersStillFit() throws Exception {
    InetAddress attacker = InetAddress.getByName("10.0.0.1");
    for (int i = 0; i < 3; i++) {
      assertThat(budget.tryAcquire(attacker)).isTrue();
    }
    assertThat(budget.tryAcquire(attacker)).isFalse();
    assertThat(budget.tryAcquire(InetAddress.getByName("10.0.0.2"))).isTrue();
    assertThat(budget.open()).isEqualTo(4);
  }

  @Test
  void tryAcquire_overTotal_refusedUntilReleased() throws Exception {
    for (int i = 1; i <= 5; i++) {
      assertThat(budget.tryAcquire(InetAddress.getByName("10.0.0." + i))).isTrue();
    }
    InetAddress late = InetAddress.getByName("10.0.1.1");
    assertThat(budget.tryAcquire(late)).isFalse();
    budget.release(InetAddress.getByName("10.0.0.3"));
    assertThat(budget.tryAcquire(late)).isTrue();
  }

  @Test
  void release_lastOfSource_forgetsTheSource() throws Exception {
    InetAddress source = InetAddress.getByName("10.0.0.1");
    budget.tryAcquire(source);
    budget.release(source);
    assertThat(budget.open()).isZero();
    for (int i = 0; i < 3; i++) {
      assertThat(budget.tryAcquire(source)).isTrue();
    }
  }

  @Test
  void forLimit_smallLimit_oneSourceNeverFillsTheTotal() throws Exception {
    PreAuthBudget small = PreAuthBudget.forLimit(2);
    InetAddress attacker = InetAddress.getByName("10.0.0.1");
    while (small.tryAcquire(attacker)) {
      assertThat(small.open()).isLessThanOrEqualTo(PreAuthBudget.PER_SOURCE);
    }
    assertThat(small.tryAcquire(InetAddress.getByName("10.0.0.2"))).isTrue();
  }
}
