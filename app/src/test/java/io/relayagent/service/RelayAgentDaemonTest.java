package io.relayagent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.relayagent.agent.control.ControlClient;
import io.relayagent.agent.events.DurableEventQueue;
import io.relayagent.config.EventQueuePolicy;
import io.relayagent.demo.DemoWorld;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlStatus;
import io.relayagent.testkit.FakeUpstream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.daemon.DaemonInitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Daemon lifecycle: init parses run's options, stop during an ASCI loses no queued event. */
class RelayAgentDaemonTest {

  static final String AGENT = "agent-1";

  @Test
  void initRejectsMissingOptions() {
    assertThatThrownBy(() -> RelayAgentDaemon.parse(new String[] {"--policy", "p.xml"}))
        .isInstanceOf(DaemonInitException.class)
        .hasMessageContaining("--sitelist");
  }

  @Test
  void initParsesRunsOptions() throws Exception {
    var options =
        RelayAgentDaemon.parse(
            new String[] {"run", "--policy", "p.xml", "--sitelist", "s.xml", "--state-dir", "d"});
    assertThat(options.policyFile()).isEqualTo(Path.of("p.xml"));
    assertThat(options.siteListFile()).isEqualTo(Path.of("s.xml"));
    assertThat(options.stateDirectory()).isEqualTo(Path.of("d"));
  }

  @Test
  void stopDuringAsciLosesNoQueuedEvent(@TempDir Path dir) throws Exception {
    try (FakeUpstream server = FakeUpstream.start(FakeUpstream.Mode.HANGS);
        DemoWorld world = DemoWorld.create(dir, List.of(AGENT))) {
      Path state = agentHost(world, server);
      int queued = 25;
      try (DurableEventQueue queue =
          DurableEventQueue.open(
              state.resolve("events"), EventQueuePolicy.defaults(), Clock.systemUTC())) {
        for (int i = 0; i < queued; i++) {
          queue.enqueue(EventType.STATUS, EventPriority.NORMAL, "{\"n\":" + i + "}");
        }
      }

      RelayAgentDaemon daemon = new RelayAgentDaemon();
      daemon.init(args(state));
      daemon.start();
      assertThat(ControlClient.ask(state, ControlCommands.STATUS, ControlStatus.class).queueDepth())
          .isEqualTo(queued);
      // The first ASCI is under way: connected to the server, waiting for its TLS answer.
      await().atMost(Duration.ofSeconds(30)).until(() -> server.accepted() > 0);
      assertThat(daemon.agent().firstAsci()).isNotDone();

      long started = System.nanoTime();
      daemon.stop();
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      daemon.destroy();

      assertThat(took).isLessThan(RelayAgentDaemon.STOP_TIMEOUT);
      assertThatThrownBy(
              () -> ControlClient.ask(state, ControlCommands.STATUS, ControlStatus.class))
          .isInstanceOf(ControlClient.NotRunningException.class);
      try (DurableEventQueue queue =
          DurableEventQueue.open(
              state.resolve("events"), EventQueuePolicy.defaults(), Clock.systemUTC())) {
        assertThat(queue.depth()).isEqualTo(queued);
      }
    }
  }

  @Test
  void procrunStartBlocksUntilStop(@TempDir Path dir) throws Exception {
    try (FakeUpstream server = FakeUpstream.start(FakeUpstream.Mode.HANGS);
        DemoWorld world = DemoWorld.create(dir, List.of(AGENT))) {
      Path state = agentHost(world, server);
      List<Throwable> failures = new ArrayList<>();
      Thread service =
          new Thread(
              () -> {
                try {
                  RelayAgentDaemon.start(args(state));
                } catch (Throwable t) {
                  failures.add(t);
                }
              },
              "procrun-start");
      service.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> server.accepted() > 0);
      assertThat(service.isAlive()).isTrue();
      assertThat(ControlClient.ask(state, ControlCommands.STATUS, ControlStatus.class).agentId())
          .isNotEmpty();

      RelayAgentDaemon.stop(new String[0]);
      service.join(RelayAgentDaemon.STOP_TIMEOUT.toMillis());
      assertThat(service.isAlive()).isFalse();
      assertThat(failures).isEmpty();
    }
  }

  /**
   * An agent host of the demo's kind whose SiteList names {@code server}, a server that never
   * answers, and whose policy has no proxy: its first ASCI hangs in the TLS handshake.
   */
  static Path agentHost(DemoWorld world, FakeUpstream server) throws java.io.IOException {
    return world.host(AGENT, world.policy().xml(), server.port());
  }

  static String[] args(Path state) {
    return new String[] {
      "--policy",
      state.resolve("policy.xml").toString(),
      "--sitelist",
      state.resolve("SiteList.xml").toString(),
      "--state-dir",
      state.toString()
    };
  }
}
