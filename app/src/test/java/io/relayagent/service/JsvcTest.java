package io.relayagent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.agent.control.ControlClient;
import io.relayagent.agent.events.DurableEventQueue;
import io.relayagent.config.EventQueuePolicy;
import io.relayagent.demo.DemoWorld;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlStatus;
import io.relayagent.testkit.FakeUpstream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same {@link RelayAgentDaemon} under a real jsvc (Linux): starts detached, answers {@code
 * relay-agent status}, stops on {@code jsvc -stop} with its event queue intact, and the process
 * exits. Skipped where jsvc is not installed ({@code apt-get install jsvc}).
 */
class JsvcTest {

  @Test
  void daemonRunsUnderJsvc(@TempDir Path dir) throws Exception {
    Path jsvc = Path.of("/usr/bin/jsvc");
    if (!Files.isExecutable(jsvc)) {
      System.out.println("SKIPPED: jsvc not installed");
      Assumptions.abort("jsvc not installed");
    }
    try (FakeUpstream server = FakeUpstream.start(FakeUpstream.Mode.HANGS);
        DemoWorld world =
            DemoWorld.create(dir.resolve("world"), List.of(RelayAgentDaemonTest.AGENT))) {
      Path state = RelayAgentDaemonTest.agentHost(world, server);
      int queued = 10;
      try (DurableEventQueue queue =
          DurableEventQueue.open(
              state.resolve("events"), EventQueuePolicy.defaults(), Clock.systemUTC())) {
        for (int i = 0; i < queued; i++) {
          queue.enqueue(EventType.DETECTION, EventPriority.HIGH, "{\"n\":" + i + "}");
        }
      }
      Path pidFile = dir.resolve("relay-agent.pid");
      List<String> common =
          List.of(
              jsvc.toString(),
              "-home",
              System.getProperty("java.home"),
              "-cp",
              System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
              "-pidfile",
              pidFile.toString(),
              "-outfile",
              dir.resolve("out.log").toString(),
              "-errfile",
              dir.resolve("err.log").toString());

      List<String> start = new ArrayList<>(common);
      start.addAll(List.of("-wait", "60", RelayAgentDaemon.class.getName()));
      start.addAll(List.of(RelayAgentDaemonTest.args(state)));
      assertThat(run(start, dir)).as(logs(dir)).isZero();
      assertThat(pidFile).exists();
      long pid = Long.parseLong(Files.readString(pidFile).strip());

      assertThat(ControlClient.ask(state, ControlCommands.STATUS, ControlStatus.class).queueDepth())
          .as(logs(dir))
          .isEqualTo(queued);

      List<String> stop = new ArrayList<>(common);
      stop.addAll(List.of("-stop", RelayAgentDaemon.class.getName()));
      assertThat(run(stop, dir)).as(logs(dir)).isZero();

      ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(60, TimeUnit.SECONDS).join());
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThatThrownBy(
              () -> ControlClient.ask(state, ControlCommands.STATUS, ControlStatus.class))
          .isInstanceOf(ControlClient.NotRunningException.class);
      try (DurableEventQueue queue =
          DurableEventQueue.open(
              state.resolve("events"), EventQueuePolicy.defaults(), Clock.systemUTC())) {
        assertThat(queue.depth()).isEqualTo(queued);
      }
      assertThat(Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8))
          .contains("relay-agent service stopped");
    }
  }

  private static int run(List<String> command, Path dir) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("jsvc.log").toFile())
            .start();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  private static String logs(Path dir) {
    StringBuilder all = new StringBuilder();
    for (String name : List.of("jsvc.log", "out.log", "err.log")) {
      try {
        all.append(name).append(":\n").append(Files.readString(dir.resolve(name))).append('\n');
      } catch (java.io.IOException e) {
        all.append(name).append(": (none)\n");
      }
    }
    return all.toString();
  }
}
