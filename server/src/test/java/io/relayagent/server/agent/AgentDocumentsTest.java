package io.relayagent.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.config.Policy;
import io.relayagent.config.PolicyReader;
import io.relayagent.server.ServerFixture;
import io.relayagent.sitelist.HostPort;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /agent/v1/policy} and {@code /agent/v1/sitelist}. */
class AgentDocumentsTest {
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
  void policy_isTheBasePolicyWithEveryValueExplicit_andAnETag() throws Exception {
    HttpResponse<String> response = fixture.get(agent, "/agent/v1/policy");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml");
    assertThat(response.headers().firstValue("ETag"))
        .hasValueSatisfying(tag -> tag.startsWith("\""));
    Policy policy = parse(response);
    assertThat(policy.relayClient().staticRelays())
        .containsExactly(new HostPort("dmz-1.example.com", 443));
    assertThat(response.body()).contains("<asci intervalMinutes=\"60\"/>");
  }

  @Test
  void policy_ifNoneMatchOfTheCurrentVersion_is304WithoutABody() throws Exception {
    String etag = fixture.get(agent, "/agent/v1/policy").headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = fixture.get(agent, "/agent/v1/policy", "If-None-Match", etag);
    HttpResponse<String> stale =
        fixture.get(agent, "/agent/v1/policy", "If-None-Match", "\"some-older-version\"");

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
    assertThat(stale.statusCode()).isEqualTo(200);
  }

  @Test
  void policy_registeredEdgeRelay_isAppendedToStaticRelays_andChangesTheETag() throws Exception {
    HttpResponse<String> before = fixture.get(agent, "/agent/v1/policy");

    fixture.admin().register("edge.example.com", 8083);
    fixture.admin().register("2001:db8::7", 443);
    HttpResponse<String> after =
        fixture.get(
            agent,
            "/agent/v1/policy",
            "If-None-Match",
            before.headers().firstValue("ETag").orElseThrow());

    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(parse(after).relayClient().staticRelays())
        .containsExactly(
            new HostPort("dmz-1.example.com", 443),
            new HostPort("edge.example.com", 8083),
            HostPort.parse("[2001:db8::7]:443", 0));

    fixture.admin().unregister("edge.example.com", 8083);
    assertThat(parse(fixture.get(agent, "/agent/v1/policy")).relayClient().staticRelays())
        .doesNotContain(new HostPort("edge.example.com", 8083));
  }

  @Test
  void policy_fileEdited_isServedAtOnce_butABadEditKeepsTheLastGoodPolicy() throws Exception {
    Path file = dir.resolve("policy.xml");
    Files.writeString(
        file, "<policy xmlns=\"urn:relay-agent:policy:1\"><asci intervalMinutes=\"5\"/></policy>");
    assertThat(parse(fixture.get(agent, "/agent/v1/policy")).asciInterval()).hasMinutes(5);

    Files.writeString(
        file,
        "<policy xmlns=\"urn:relay-agent:policy:1\"><asci intervalMinutes=\"soon\"/></policy>");

    HttpResponse<String> response = fixture.get(agent, "/agent/v1/policy");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(parse(response).asciInterval()).hasMinutes(5);
  }

  @Test
  void siteList_isServedExactlyAsStored_withETagAnd304() throws Exception {
    HttpResponse<String> response = fixture.get(agent, "/agent/v1/sitelist");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml");
    assertThat(response.body().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(Files.readAllBytes(dir.resolve("SiteList.xml")));
    String etag = response.headers().firstValue("ETag").orElseThrow();
    assertThat(fixture.get(agent, "/agent/v1/sitelist", "If-None-Match", etag).statusCode())
        .isEqualTo(304);
  }

  @Test
  void siteList_absent_is404WithAReason() throws Exception {
    Files.delete(dir.resolve("SiteList.xml"));
    fixture.restart();

    HttpResponse<String> response = fixture.get(agent, "/agent/v1/sitelist");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"this server has no SiteList\"}");
  }

  @Test
  void policy_post_is405NamingTheMethodsAllowed() throws Exception {
    HttpResponse<String> response = fixture.post(agent, "/agent/v1/policy", "{}");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  private static Policy parse(HttpResponse<String> response) throws Exception {
    return PolicyReader.parse("answer", response.body().getBytes(StandardCharsets.UTF_8));
  }
}
