package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.demo.DemoWorld;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository file in a subdirectory, which docs/server-protocol.md allows: the server lists it in
 * its catalog and the agent installs it, by the one naming rule both use ({@code RepositoryName}),
 * instead of failing every ASCI (issue 13, finding 9).
 */
class ContentSubdirectoryTest {
  @TempDir Path dir;

  @Test
  void catalogFileInASubdirectory_isInstalledBelowTheContentDirectory() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("agent-1"))) {
      world.startServer();
      byte[] inner = world.addContent("sub/deeper/inner.dat", 4096);
      byte[] top = world.addContent("top.dat", 100);
      Path state = world.host("agent-1", world.policy().xml());

      Agent agent = world.start("agent-1");
      AgentStatus status = agent.firstAsci().get(60, TimeUnit.SECONDS);

      assertThat(status.lastOutcome()).isEqualTo("ok");
      assertThat(state.resolve("content/sub/deeper/inner.dat")).hasBinaryContent(inner);
      assertThat(state.resolve("content/top.dat")).hasBinaryContent(top);
    }
  }
}
