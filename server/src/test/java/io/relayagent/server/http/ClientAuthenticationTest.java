package io.relayagent.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.server.ServerFixture;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may use which path: certificates for agents and relays, the token for administrators. */
class ClientAuthenticationTest {
  @TempDir Path dir;
  private ServerFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = ServerFixture.start(dir);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void agentPath_withoutClientCertificate_is401() throws Exception {
    HttpResponse<String> response = fixture.get(fixture.anonymous(), "/agent/v1/policy");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("needs a client certificate");
    assertThat(fixture.get(fixture.anonymous(), "/repo/catalog.json").statusCode()).isEqualTo(401);
  }

  @Test
  void status_agentIdOtherThanTheCertificates_is403AndNothingIsStored() throws Exception {
    HttpResponse<String> response =
        fixture.postJson(fixture.agent("agent-1"), "/agent/v1/status", status("agent-2"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":\"agentId \\\"agent-2\\\" is not the agent of the client certificate\"}");
    assertThat(fixture.admin().agents())
        .allSatisfy(agent -> assertThat(agent.agentId()).isEqualTo("agent-1"))
        .allSatisfy(agent -> assertThat(agent.mode()).isNull());
  }

  @Test
  void events_agentIdOtherThanTheCertificates_is403() throws Exception {
    Map<String, Object> batch =
        Map.of("batchId", UUID.randomUUID().toString(), "agentId", "agent-2", "events", List.of());

    HttpResponse<String> response =
        fixture.postJson(fixture.agent("agent-1"), "/agent/v1/events", batch);

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void certificateOfAnotherCa_isRefusedInTheHandshake() throws Exception {
    TrustMaterial rogue =
        LoopbackPki.create(dir.resolve("rogue-pki"), "CN=Rogue CA")
            .issue(Role.AGENT, "agent-1")
            .material("agent-1");

    assertThatThrownBy(() -> fixture.get(fixture.client(rogue), "/agent/v1/policy"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void relayCertificate_mayFetchContent_asARelayCacheDoes() throws Exception {
    HttpResponse<String> response = fixture.get(fixture.relay("relay-1"), "/repo/catalog.json");

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPath_is404() throws Exception {
    assertThat(fixture.get(fixture.agent("agent-1"), "/nothing/here").statusCode()).isEqualTo(404);
  }

  static Map<String, Object> status(String agentId) {
    return Map.of(
        "agentId",
        agentId,
        "agentVersion",
        "0.1.0",
        "policyVersion",
        "\"abc\"",
        "contentVersion",
        3L,
        "mode",
        "direct",
        "time",
        "2026-03-02T10:00:00Z");
  }
}
