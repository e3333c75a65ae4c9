package io.relayagent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.agent.EventAcknowledgement;
import io.relayagent.protocol.agent.EventBatch;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.json.RawJson;
import io.relayagent.protocol.wakeup.WakeupOutcome;
import io.relayagent.protocol.wakeup.WakeupReport;
import io.relayagent.protocol.wakeup.WakeupRequest;
import io.relayagent.server.admin.AdminClient;
import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.server.store.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server instances on one PostgreSQL database, as behind a TCP load balancer: an agent that
 * moves between them loses nothing and has each event stored once, a wake-up asked through one
 * reaches an agent whose poll the other holds, and a console session made on one is valid on the
 * other (docs/operations.md, "Several server instances").
 */
class MultiInstanceTest {
  @TempDir Path dir;
  private ServerFixture fixture;
  private DatabaseSettings database;
  private ReferenceServer a;
  private ReferenceServer b;

  @BeforeEach
  void start() throws Exception {
    database = TestDatabase.postgresql().settings(dir);
    fixture = ServerFixture.prepare(dir).customise(s -> s.withDatabase(database)).start();
    a = fixture.server();
    b = ReferenceServer.start(fixture.settings().withDatabase(database));
  }

  @AfterEach
  void stop() {
    if (b != null) {
      b.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void events_agentMovingFromAStoppedInstance_losesNothingAndStoresEachOnce() throws Exception {
    HttpClient agent = reported("agent-1", a);
    List<EventBatch> batches =
        List.of(batch("agent-1", 5), batch("agent-1", 5), batch("agent-1", 5));
    assertThat(acknowledge(agent, a, batches.get(0)).duplicates()).isZero();
    // The second reaches A, but the agent never sees the answer: A stops, and it sends again to B.
    assertThat(acknowledge(agent, a, batches.get(1)).duplicates()).isZero();
    a.close();

    EventAcknowledgement resent = acknowledge(agent, b, batches.get(1));
    EventAcknowledgement third = acknowledge(agent, b, batches.get(2));

    assertThat(resent.acknowledged()).isEqualTo(ids(batches.get(1)));
    assertThat(resent.duplicates()).isEqualTo(5);
    assertThat(third.duplicates()).isZero();
    assertStoredOnce("agent-1", batches);
  }

  @Test
  void events_sameBatchesToBothInstancesAtOnce_storesEachOnce() throws Exception {
    HttpClient agent = fixture.agent("agent-1");
    List<EventBatch> batches = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      EventBatch batch = batch("agent-1", 25);
      batches.add(batch);
      answers.add(postAsync(agent, a, ServerPaths.EVENTS, batch));
      answers.add(postAsync(agent, b, ServerPaths.EVENTS, batch));
    }

    int duplicates = 0;
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      duplicates += acknowledgement(response).duplicates();
    }

    assertThat(duplicates)
        .as("each batch stored by one instance, a duplicate at the other")
        .isEqualTo(500);
    assertStoredOnce("agent-1", batches);
  }

  @Test
  void wakeup_askedThroughB_reachesTheAgentPollingA() throws Exception {
    HttpClient agent = reported("agent-2", a);
    AdminClient adminA = admin(a);
    AdminClient adminB = admin(b);
    adminA.agents(); // both connected: what is timed below is the wake-up alone
    adminB.agents();
    long throughA = wakeMillis(agent, adminA, "agent-2"); // A's own poll, for comparison

    CompletableFuture<HttpResponse<String>> poll = pollAt(agent, a, "agent-2");
    long asked = System.nanoTime();
    WakeupReport report = adminB.wake(new WakeupRequest(List.of("agent-2", "nobody"), false));
    HttpResponse<String> woken = poll.get(5, TimeUnit.SECONDS);
    long throughB = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);

    System.out.printf(
        "wake-up delivered on A's poll: asked through A after %d ms, through B after %d ms%n",
        throughA, throughB);
    assertThat(report.results().get(0).outcome()).isEqualTo(WakeupOutcome.DELIVERED);
    assertThat(report.results().get(1).outcome()).isEqualTo(WakeupOutcome.UNKNOWN);
    assertThat(woken.statusCode()).isEqualTo(200);
    assertThat(woken.body()).contains("\"signature\"");
    assertThat(throughB).isLessThan(5000);
  }

  /** An agent's wake-up poll at {@code server}, once the database names that server its holder. */
  private CompletableFuture<HttpResponse<String>> pollAt(
      HttpClient agent, ReferenceServer server, String agentId) {
    String before = holderRow(agentId);
    CompletableFuture<HttpResponse<String>> poll =
        agent.sendAsync(
            HttpRequest.newBuilder(uri(server, ServerPaths.WAKEUP))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(5)).until(() -> server.waitingAgents().polling(agentId));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> holderRow(agentId) != null && !holderRow(agentId).equals(before));
    return poll;
  }

  private long wakeMillis(HttpClient agent, AdminClient admin, String agentId) throws Exception {
    CompletableFuture<HttpResponse<String>> poll = pollAt(agent, a, agentId);
    long asked = System.nanoTime();
    assertThat(admin.wake(new WakeupRequest(List.of(agentId), false)).results().get(0).outcome())
        .isEqualTo(WakeupOutcome.DELIVERED);
    assertThat(poll.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
  }

  @Test
  void wakeup_agentThatMovedToBRightAfterItsPollAtA_isDeliveredAtBThroughA() throws Exception {
    HttpClient agent = reported("agent-5", a);
    AdminClient adminA = admin(a);
    wakeMillis(agent, adminA, "agent-5"); // A answered its poll: it expects the next one
    CompletableFuture<HttpResponse<String>> atB = pollAt(agent, b, "agent-5");

    WakeupReport report = adminA.wake(new WakeupRequest(List.of("agent-5"), false));

    assertThat(report.results().get(0).outcome()).isEqualTo(WakeupOutcome.DELIVERED);
    assertThat(atB.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void wakeup_agentPollingAStoppedInstance_isReportedUnreachableByTheOther() throws Exception {
    HttpClient agent = reported("agent-3", a);
    agent.sendAsync(
        HttpRequest.newBuilder(uri(a, ServerPaths.WAKEUP)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.discarding());
    await().atMost(Duration.ofSeconds(5)).until(() -> holderRow("agent-3") != null);
    a.close();

    WakeupReport report = admin(b).wake(new WakeupRequest(List.of("agent-3"), false));

    assertThat(report.results().get(0).outcome()).isEqualTo(WakeupOutcome.UNREACHABLE);
  }

  @Test
  void wakeup_agentHeldByAnInstanceThatDiedSilently_isUnreachableAfterTheAnswerWait()
      throws Exception {
    HttpClient agent = reported("agent-4", b);
    try (Connection connection = DriverManager.getConnection(database.url());
        PreparedStatement instance =
            connection.prepareStatement("INSERT INTO server_instances VALUES ('ghost', ?)");
        PreparedStatement poll =
            connection.prepareStatement(
                "INSERT INTO wakeup_polls VALUES ('agent-4', 'ghost', ?)")) {
      instance.setLong(1, System.currentTimeMillis());
      instance.executeUpdate();
      poll.setLong(1, System.currentTimeMillis());
      poll.executeUpdate();
    }

    WakeupReport report = admin(b).wake(new WakeupRequest(List.of("agent-4"), false));

    assertThat(report.results().get(0).outcome()).isEqualTo(WakeupOutcome.UNREACHABLE);
  }

  @Test
  void console_linkFromAOpenedOnB_givesASessionThatAAccepts() throws Exception {
    HttpClient browser = fixture.anonymous();
    String link = admin(a).consoleLink().path();

    HttpResponse<String> login = get(browser, b, link, "Accept", "text/html");
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    HttpResponse<String> pageOnA = get(browser, a, "/console/fleet", "Cookie", cookie);
    HttpResponse<String> linkAgainOnA = get(browser, a, link, "Accept", "text/html");

    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(pageOnA.statusCode()).isEqualTo(200);
    assertThat(linkAgainOnA.statusCode()).as("a link is spent on every instance").isEqualTo(401);
  }

  /** The client of {@code agentId}, whose status report {@code server} has stored. */
  private HttpClient reported(String agentId, ReferenceServer server) throws Exception {
    HttpClient agent = fixture.agent(agentId);
    assertThat(
            post(agent, server, ServerPaths.STATUS, ServerFixture.directStatus(agentId))
                .statusCode())
        .isEqualTo(204);
    return agent;
  }

  private static EventBatch batch(String agentId, int size) {
    List<EventBatch.Event> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      events.add(
          new EventBatch.Event(
              UUID.randomUUID().toString(),
              EventType.DETECTION,
              EventPriority.HIGH,
              "2026-03-02T10:00:00Z",
              new RawJson("{\"threat\":\"EICAR\",\"n\":" + i + "}")));
    }
    return new EventBatch(UUID.randomUUID().toString(), agentId, events);
  }

  private static List<String> ids(EventBatch batch) {
    return batch.events().stream().map(EventBatch.Event::id).toList();
  }

  /** Every event of {@code batches} is in the database, once, and nothing else of the agent. */
  private void assertStoredOnce(String agentId, List<EventBatch> batches) throws Exception {
    Set<String> sent = new HashSet<>();
    batches.forEach(batch -> sent.addAll(ids(batch)));
    List<String> stored = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(database.url());
        PreparedStatement statement =
            connection.prepareStatement("SELECT event_id FROM events WHERE agent_id = ?")) {
      statement.setString(1, agentId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          stored.add(rows.getString(1));
        }
      }
    }
    assertThat(stored).hasSize(sent.size()).doesNotHaveDuplicates();
    assertThat(new HashSet<>(stored)).isEqualTo(sent);
    assertThat(admin(b).events().eventsStored()).isEqualTo((long) sent.size());
  }

  /** The database's row of {@code agentId}'s poll (holder and time), or null. */
  private String holderRow(String agentId) {
    try (Connection connection = DriverManager.getConnection(database.url());
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT instance_id, polled FROM wakeup_polls WHERE agent_id = ?")) {
      statement.setString(1, agentId);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) + "@" + rows.getLong(2) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private EventAcknowledgement acknowledge(
      HttpClient agent, ReferenceServer server, EventBatch batch) throws Exception {
    HttpResponse<String> response = post(agent, server, ServerPaths.EVENTS, batch);
    assertThat(response.statusCode()).isEqualTo(200);
    return acknowledgement(response);
  }

  private static EventAcknowledgement acknowledgement(HttpResponse<String> response)
      throws Exception {
    return ProtocolJson.read(response.body(), 1 << 20, EventAcknowledgement.class);
  }

  private AdminClient admin(ReferenceServer server) {
    return new AdminClient(uri(server, "/"), server.adminToken(), fixture.tls(fixture.trustOnly()));
  }

  private static URI uri(ReferenceServer server, String path) {
    return URI.create("https://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> post(
      HttpClient client, ReferenceServer server, String path, Object json) throws Exception {
    return postAsync(client, server, path, json).get(30, TimeUnit.SECONDS);
  }

  private static CompletableFuture<HttpResponse<String>> postAsync(
      HttpClient client, ReferenceServer server, String path, Object json) {
    return client.sendAsync(
        HttpRequest.newBuilder(uri(server, path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    ProtocolJson.writeString(json), StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(
      HttpClient client, ReferenceServer server, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
