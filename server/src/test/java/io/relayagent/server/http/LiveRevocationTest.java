package io.relayagent.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.relayagent.protocol.ServerPaths;
import io.relayagent.server.ServerFixture;
import io.relayagent.trust.Revocation;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay-agent cert revoke} in the CA directory while the server runs: the revoked agent is
 * refused within seconds, on a new connection and on one it kept open, and the others go on.
 */
class LiveRevocationTest {
  @TempDir Path dir;
  private ServerFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = ServerFixture.prepare(dir);
    Path ca = fixture.pki.directory().dir();
    fixture.customise(settings -> settings.withCaDirectory(ca)).start();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /** A client of its own, so every test connection makes its own handshake. */
  private HttpClient newAgentClient(String name) {
    return fixture.client(fixture.material(Role.AGENT, name));
  }

  /** Waits until a new connection of {@code name} is refused in the handshake. */
  private void awaitHandshakeRefused(String name) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> fixture.get(newAgentClient(name), ServerPaths.POLICY))
                    .isInstanceOf(IOException.class));
  }

  @Test
  void revoke_inTheCaDirectory_refusesThatAgentsNextConnection_othersGoOn() throws Exception {
    HttpClient kept = fixture.agent("agent-1");
    assertThat(fixture.get(kept, ServerPaths.POLICY).statusCode()).isEqualTo(200);
    assertThat(fixture.get(newAgentClient("agent-2"), ServerPaths.POLICY).statusCode())
        .isEqualTo(200);

    new Revocation(fixture.pki.directory()).revoke("agent-1");

    awaitHandshakeRefused("agent-1");
    assertThat(fixture.get(kept, ServerPaths.POLICY).statusCode()).isEqualTo(403);
    assertThat(fixture.get(kept, ServerPaths.POLICY).body()).contains("revoked");
    assertThat(fixture.get(newAgentClient("agent-2"), ServerPaths.POLICY).statusCode())
        .isEqualTo(200);
  }

  @Test
  void revoke_withoutCaDirectory_followsTheServersOwnCrlFile() throws Exception {
    fixture.close();
    Path crl = fixture.pki.directory().crl();
    fixture.customise(settings -> settings.withTrust(settings.trust().withCrl(crl))).start();
    assertThat(fixture.get(newAgentClient("agent-1"), ServerPaths.POLICY).statusCode())
        .isEqualTo(200);

    new Revocation(fixture.pki.directory()).revoke("agent-1");

    awaitHandshakeRefused("agent-1");
  }
}
