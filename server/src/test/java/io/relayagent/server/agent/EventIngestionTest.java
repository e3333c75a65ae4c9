package io.relayagent.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.agent.EventAcknowledgement;
import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.json.Version;
import io.relayagent.server.ServerFixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /agent/v1/events} and {@code /agent/v1/status}. */
class EventIngestionTest {
  @TempDir Path dir;
  private ServerFixture fixture;
  private HttpClient agent;

  @BeforeEach
  void start() throws Exception {
    fixture = ServerFixture.start(dir);
    agent = fixture.agent("agent-1");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void events_retriedBatch_isAcknowledgedAgainButStoredOnce() throws Exception {
    Map<String, Object> batch = batch("agent-1", 3);
    List<Object> ids = ids(batch);

    HttpResponse<String> first = fixture.postJson(agent, "/agent/v1/events", batch);
    HttpResponse<String> retry = fixture.postJson(agent, "/agent/v1/events", batch);
    fixture.restart();
    HttpResponse<String> afterRestart =
        fixture.postJson(fixture.agent("agent-1"), "/agent/v1/events", batch);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(acknowledgement(first).acknowledged()).isEqualTo(ids);
    assertThat(acknowledgement(first).duplicates()).isEqualTo(0);
    assertThat(acknowledgement(retry).acknowledged()).isEqualTo(ids);
    assertThat(acknowledgement(retry).duplicates()).isEqualTo(3);
    assertThat(acknowledgement(afterRestart).duplicates()).isEqualTo(3);
    assertThat(eventsStoredOf("agent-1")).isEqualTo(3L);
  }

  @Test
  void events_batchOverlappingAnEarlierOne_storesOnlyTheNewEvents() throws Exception {
    Map<String, Object> first = batch("agent-1", 2);
    Map<String, Object> second = batch("agent-1", 2);
    List<Object> overlap = new ArrayList<>((List<?>) first.get("events"));
    overlap.addAll((List<?>) second.get("events"));
    Map<String, Object> combined = new LinkedHashMap<>(second);
    combined.put("events", overlap);

    fixture.postJson(agent, "/agent/v1/events", first);
    HttpResponse<String> response = fixture.postJson(agent, "/agent/v1/events", combined);

    assertThat(acknowledgement(response).duplicates()).isEqualTo(2);
    assertThat(eventsStoredOf("agent-1")).isEqualTo(4L);
  }

  @Test
  void events_moreThan1000InABatch_is413AndNothingIsStored() throws Exception {
    HttpResponse<String> response =
        fixture.postJson(agent, "/agent/v1/events", batch("agent-1", 1001));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("at most 1000");
    assertThat(eventsStoredOf("agent-1")).isZero();
  }

  @Test
  void events_bodyOver4MiB_is413_andTheConnectionServesOn() throws Exception {
    Map<String, Object> batch = batch("agent-1", 1);
    Map<String, Object> event = new LinkedHashMap<>(event(UUID.randomUUID()));
    event.put("data", "x".repeat(4 * 1024 * 1024));
    batch.put("events", List.of(event));

    HttpResponse<String> response = fixture.postJson(agent, "/agent/v1/events", batch);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo("{\"error\":\"the body is larger than 4194304 bytes\"}");
    assertThat(eventsStoredOf("agent-1")).isZero();
  }

  @Test
  void events_oneBadEvent_refusesTheBatchNamingIt() throws Exception {
    Map<String, Object> batch = batch("agent-1", 2);
    List<Object> events = new ArrayList<>((List<?>) batch.get("events"));
    Map<String, Object> bad = new LinkedHashMap<>(event(UUID.randomUUID()));
    bad.put("priority", "urgent");
    events.add(bad);
    batch.put("events", events);

    HttpResponse<String> response = fixture.postJson(agent, "/agent/v1/events", batch);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("events[2].priority: must be one of high, low, normal");
    assertThat(eventsStoredOf("agent-1")).isZero();
  }

  @Test
  void events_malformedJsonOrWrongType_is400Or415() throws Exception {
    assertThat(fixture.post(agent, "/agent/v1/events", "{\"batchId\":").statusCode())
        .isEqualTo(400);
    HttpResponse<String> text =
        agent.send(
            HttpRequest.newBuilder(fixture.uri("/agent/v1/events"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(text.statusCode()).isEqualTo(415);
  }

  @Test
  void status_isKeptAndListedWithTheAddressAndRelay() throws Exception {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("agentId", "agent-1");
    status.put("agentVersion", "0.1.0");
    status.put("policyVersion", "\"p1\"");
    status.put("contentVersion", 7L);
    status.put("mode", "relay");
    status.put("relay", "relay-9");
    status.put("time", "2026-03-02T10:00:00+01:00");

    HttpResponse<String> response = fixture.postJson(agent, "/agent/v1/status", status);
    fixture.postJson(agent, "/agent/v1/events", batch("agent-1", 2));
    fixture.restart();

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(fixture.admin().agents())
        .singleElement()
        .satisfies(
            agent -> {
              assertThat(agent.agentId()).isEqualTo("agent-1");
              assertThat(agent.mode()).isEqualTo(StatusReport.Mode.RELAY);
              assertThat(agent.relay()).isEqualTo("relay-9");
              assertThat(agent.address()).isEqualTo("127.0.0.1");
              assertThat(agent.policyVersion()).isEqualTo(Version.of("\"p1\""));
              assertThat(agent.contentVersion()).isEqualTo(Version.of(7));
              assertThat(agent.eventsStored()).isEqualTo(2);
              assertThat(agent.lastSeen()).isNotNull();
            });
  }

  @Test
  void status_relayModeWithoutRelay_is400() throws Exception {
    Map<String, Object> status = ServerFixture.directStatus("agent-1");
    status.put("mode", "relay");

    HttpResponse<String> response = fixture.postJson(agent, "/agent/v1/status", status);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("relay: is required when mode is relay");
  }

  private long eventsStoredOf(String agentId) throws Exception {
    return fixture.admin().agents().stream()
        .filter(agent -> agentId.equals(agent.agentId()))
        .map(AgentSummary::eventsStored)
        .findFirst()
        .orElse(0L);
  }

  private static EventAcknowledgement acknowledgement(HttpResponse<String> response)
      throws MalformedJsonException {
    return ProtocolJson.read(response.body(), 1 << 20, EventAcknowledgement.class);
  }

  static Map<String, Object> batch(String agentId, int size) {
    List<Object> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      events.add(event(UUID.randomUUID()));
    }
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("batchId", UUID.randomUUID().toString());
    batch.put("agentId", agentId);
    batch.put("events", events);
    return batch;
  }

  static Map<String, Object> event(UUID id) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", id.toString());
    event.put("type", "detection");
    event.put("priority", "high");
    event.put("time", "2026-03-02T10:00:00Z");
    event.put("data", Map.of("file", "C:\\temp\\eicar.com", "threat", "EICAR"));
    return event;
  }

  private static List<Object> ids(Map<String, Object> batch) {
    List<Object> ids = new ArrayList<>();
    for (Object event : (List<?>) batch.get("events")) {
      ids.add(((Map<?, ?>) event).get("id"));
    }
    return ids;
  }
}
