package io.relayagent.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.admin.EdgeRelayEntry;
import io.relayagent.server.ServerFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /admin/v1/}: the token, the edge relay registry, the agent list. */
class AdminApiTest {
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
  void withoutOrWithAWrongToken_is401_evenForPathsThatDoNotExist() throws Exception {
    HttpResponse<String> none = fixture.get(fixture.anonymous(), "/admin/v1/agents");
    HttpResponse<String> wrong =
        fixture.get(
            fixture.anonymous(), "/admin/v1/agents", "Authorization", "Bearer not-the-token");
    HttpResponse<String> unknownPath = fixture.get(fixture.anonymous(), "/admin/v1/secret");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(none.body())
        .isEqualTo("{\"error\":\"the administrator token is missing or wrong\"}");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknownPath.statusCode()).isEqualTo(401);
    assertThat(fixture.get(fixture.agent("agent-1"), "/admin/v1/agents").statusCode())
        .as("an agent certificate is no administrator credential")
        .isEqualTo(401);
  }

  @Test
  void token_isMadeAtFirstStart_ownerOnly_andKeptAcrossRestarts() throws Exception {
    Path file = dir.resolve("admin-token");
    String token = fixture.server().adminToken();

    fixture.restart();

    assertThat(Files.readString(file).strip()).isEqualTo(token).hasSizeGreaterThanOrEqualTo(43);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(fixture.server().adminToken()).isEqualTo(token);
  }

  @Test
  void token_readableByOthers_stopsTheServerFromStarting() throws Exception {
    fixture.close();
    Files.setPosixFilePermissions(
        dir.resolve("admin-token"), PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(fixture::start).hasMessageContaining("make it owner-only (chmod 600)");
  }

  @Test
  void edgeRelays_registerListUnregister_andTheRegistrySurvivesARestart() throws Exception {
    AdminClient admin = fixture.admin();

    AdminClient.Registered first = admin.register("Edge.Example.com.", 8083);
    AdminClient.Registered again = admin.register("edge.example.com", 8083);
    admin.register("10.1.2.3", 443);
    fixture.restart();
    admin = fixture.admin();

    assertThat(first.relay().host()).isEqualTo("edge.example.com");
    assertThat(first.added()).isTrue();
    assertThat(again.added()).isFalse();
    assertThat(admin.edgeRelays())
        .extracting(EdgeRelayEntry::address)
        .containsExactly("edge.example.com:8083", "10.1.2.3:443");
    admin.unregister("edge.example.com", 8083);
    assertThat(admin.edgeRelays()).hasSize(1);
    AdminClient same = admin;
    assertThatThrownBy(() -> same.unregister("edge.example.com", 8083))
        .isInstanceOf(AdminException.class)
        .hasMessage("edge relay edge.example.com:8083 is not registered (HTTP 404)");
  }

  @Test
  void edgeRelays_badHostOrPort_is400() throws Exception {
    AdminClient admin = fixture.admin();

    assertThatThrownBy(() -> admin.register("edge example", 8083))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("not a valid host name")
        .hasMessageContaining("HTTP 400");
    assertThatThrownBy(() -> admin.register("edge.example.com", 70000))
        .hasMessageContaining("out of range");
    HttpResponse<String> post =
        fixture
            .anonymous()
            .send(
                HttpRequest.newBuilder(fixture.uri("/admin/v1/edge-relays"))
                    .header("Authorization", "Bearer " + fixture.server().adminToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"host\":\"edge\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(400);
    assertThat(post.body()).contains("port: is required");
  }

  @Test
  void edgeRelays_ipv6_isRegisteredAndUnregisteredByItsBracketedForm() throws Exception {
    AdminClient admin = fixture.admin();

    admin.register("[2001:db8::7]", 8083);
    admin.unregister("2001:db8::7", 8083);

    assertThat(admin.edgeRelays()).isEmpty();
  }
}
