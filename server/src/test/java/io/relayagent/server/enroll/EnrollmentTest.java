package io.relayagent.server.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.admin.EnrollmentToken;
import io.relayagent.protocol.admin.EnrollmentTokenList;
import io.relayagent.protocol.admin.EnrollmentTokenRequest;
import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.enroll.CertificateRenewal;
import io.relayagent.protocol.enroll.EnrollmentRequest;
import io.relayagent.protocol.enroll.IssuedCertificate;
import io.relayagent.protocol.enroll.TrustBundle;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.server.ServerFixture;
import io.relayagent.trust.CertificateInfo;
import io.relayagent.trust.CertificateRequests;
import io.relayagent.trust.Credential;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.PemFiles;
import io.relayagent.trust.PemText;
import io.relayagent.trust.Revocation;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustMaterial;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrollment, renewal and the trust bundle against a running server over TLS: hosts without a
 * certificate enroll with a token and a CSR, and then connect with what they were given.
 */
class EnrollmentTest {
  @TempDir Path dir;
  private ServerFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private ServerFixture startWithCa() throws Exception {
    fixture = ServerFixture.prepare(dir);
    Path ca = fixture.pki.directory().dir();
    fixture
        .customise(
            settings -> settings.withCaDirectory(ca).withEnrollmentValidity(Duration.ofDays(30)))
        .start();
    return fixture;
  }

  private String token(String role, int uses) throws Exception {
    HttpResponse<String> created =
        admin(
            "POST",
            ServerPaths.ADMIN_ENROLLMENT_TOKENS,
            new EnrollmentTokenRequest(uses, 3600L, role));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return ProtocolJson.read(created.body(), 1 << 16, EnrollmentToken.class).token();
  }

  private HttpResponse<String> admin(String method, String path, Object body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(fixture.uri(path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + fixture.server().adminToken());
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(ProtocolJson.writeString(body)));
    }
    return fixture.anonymous().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> enroll(String token, KeyPair keys, String name) throws Exception {
    return fixture.postJson(
        fixture.anonymous(),
        ServerPaths.ENROLL,
        new EnrollmentRequest(token, CertificateRequests.create(keys, name), "1.0.0"));
  }

  private static List<X509Certificate> chainOf(HttpResponse<String> answer) throws Exception {
    IssuedCertificate issued = ProtocolJson.read(answer.body(), 1 << 20, IssuedCertificate.class);
    return PemText.certificates(issued.certificateChain(), "certificateChain");
  }

  /** A client that proves itself with what enrollment gave it. */
  private HttpClient clientWith(List<X509Certificate> chain, KeyPair keys) {
    TrustMaterial material =
        TrustMaterial.of(
            fixture.trustOnly().trustedRoots(),
            new Credential(chain, keys.getPrivate()),
            List.of(),
            null);
    return fixture.client(material);
  }

  @Test
  void enroll_validToken_issuesACertificateForTheRequestsKey_thatThenWorks() throws Exception {
    startWithCa();
    KeyPair keys = KeyAlgorithm.P256.generateKeyPair();

    HttpResponse<String> answer = enroll(token("agent", 1), keys, "laptop-7");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<X509Certificate> chain = chainOf(answer);
    X509Certificate issued = chain.get(0);
    assertThat(CertificateRequests.certifies(issued, keys.getPublic())).isTrue();
    assertThat(CertificateInfo.of(issued).subject()).contains("CN=laptop-7");
    assertThat(Role.of(issued)).contains(Role.AGENT);
    assertThat(Duration.between(Instant.now(), issued.getNotAfter().toInstant()))
        .isBetween(Duration.ofDays(29), Duration.ofDays(31));
    Path recorded = fixture.pki.directory().certificate("laptop-7");
    assertThat(PemFiles.readCertificates(recorded).get(0)).isEqualTo(issued);
    assertThat(fixture.pki.directory().privateKey("laptop-7")).doesNotExist();
    HttpResponse<String> policy = fixture.get(clientWith(chain, keys), ServerPaths.POLICY);
    assertThat(policy.statusCode()).isEqualTo(200);
  }

  @Test
  void enroll_relayToken_issuesARelayCertificate() throws Exception {
    startWithCa();

    HttpResponse<String> answer =
        enroll(token("relay", 1), KeyAlgorithm.P256.generateKeyPair(), "relay-9");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(Role.of(chainOf(answer).get(0))).contains(Role.RELAY);
  }

  @Test
  void enroll_usedUpToken_isRefusedWith403() throws Exception {
    startWithCa();
    String token = token("agent", 1);
    enroll(token, KeyAlgorithm.P256.generateKeyPair(), "host-1");

    HttpResponse<String> second = enroll(token, KeyAlgorithm.P256.generateKeyPair(), "host-2");

    assertThat(second.statusCode()).isEqualTo(403);
    assertThat(second.body()).contains("used as often as it allows").doesNotContain(token);
    assertThat(fixture.pki.directory().certificate("host-2")).doesNotExist();
  }

  @Test
  void enroll_unknownToken_isRefusedWith403() throws Exception {
    startWithCa();

    HttpResponse<String> answer =
        enroll("guessed-token", KeyAlgorithm.P256.generateKeyPair(), "host-1");

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("unknown").doesNotContain("guessed-token");
  }

  @Test
  void enroll_badRequest_isRefusedWith400_andUsesNoTokenUse() throws Exception {
    startWithCa();
    String token = token("agent", 1);

    HttpResponse<String> notACsr =
        fixture.postJson(
            fixture.anonymous(),
            ServerPaths.ENROLL,
            new EnrollmentRequest(token, "-----BEGIN NOTHING-----", "1.0.0"));
    HttpResponse<String> badName = enroll(token, KeyAlgorithm.P256.generateKeyPair(), "../etc");
    HttpResponse<String> good = enroll(token, KeyAlgorithm.P256.generateKeyPair(), "host-1");

    assertThat(notACsr.statusCode()).isEqualTo(400);
    assertThat(notACsr.body()).contains("csr");
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(badName.body()).contains("cannot name a certificate");
    assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
  }

  @Test
  void enroll_nameOfACertificateOfAnotherRole_isRefusedWith409() throws Exception {
    startWithCa();
    String token = token("agent", 3);

    HttpResponse<String> asServer = enroll(token, KeyAlgorithm.P256.generateKeyPair(), "mgmt");
    HttpResponse<String> first = enroll(token, KeyAlgorithm.P256.generateKeyPair(), "host-1");
    HttpResponse<String> reinstalled = enroll(token, KeyAlgorithm.P256.generateKeyPair(), "host-1");

    assertThat(asServer.statusCode()).isEqualTo(409);
    assertThat(asServer.body()).contains("already the name of a server");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(reinstalled.statusCode()).isEqualTo(200);
  }

  @Test
  void enroll_withoutCaDirectory_is503() throws Exception {
    fixture = ServerFixture.start(dir);

    HttpResponse<String> answer =
        enroll("any-token", KeyAlgorithm.P256.generateKeyPair(), "host-1");

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).contains("this server has no CA directory");
    assertThat(
            fixture
                .postJson(
                    fixture.agent("agent-1"),
                    ServerPaths.CERTIFICATE,
                    new CertificateRenewal(
                        CertificateRequests.create(KeyAlgorithm.P256.generateKeyPair(), "agent-1")))
                .statusCode())
        .isEqualTo(503);
  }

  @Test
  void enroll_manyFailuresFromOneAddress_areThrottledWith429() throws Exception {
    startWithCa();
    String token = token("agent", 1);
    for (int i = 0; i < EnrollEndpoint.MAX_FAILURES; i++) {
      assertThat(enroll("wrong-" + i, KeyAlgorithm.P256.generateKeyPair(), "h").statusCode())
          .isEqualTo(403);
    }

    HttpResponse<String> throttled = enroll(token, KeyAlgorithm.P256.generateKeyPair(), "host-1");

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void enroll_get_is405() throws Exception {
    startWithCa();

    assertThat(fixture.get(fixture.anonymous(), ServerPaths.ENROLL).statusCode()).isEqualTo(405);
  }

  @Test
  void renew_sameName_issuesANewCertificateForTheNewKey() throws Exception {
    startWithCa();
    KeyPair next = KeyAlgorithm.P256.generateKeyPair();

    HttpResponse<String> answer =
        fixture.postJson(
            fixture.relay("relay-1"),
            ServerPaths.CERTIFICATE,
            new CertificateRenewal(CertificateRequests.create(next, "relay-1")));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    X509Certificate renewed = chainOf(answer).get(0);
    assertThat(CertificateRequests.certifies(renewed, next.getPublic())).isTrue();
    assertThat(Role.of(renewed)).contains(Role.RELAY);
    assertThat(PemFiles.readCertificates(fixture.pki.directory().certificate("relay-1")).get(0))
        .isEqualTo(renewed);
  }

  @Test
  void renew_commonNameOtherThanTheClientCertificates_isRefusedWith403() throws Exception {
    startWithCa();
    fixture.material(Role.AGENT, "agent-2");

    HttpResponse<String> answer =
        fixture.postJson(
            fixture.agent("agent-1"),
            ServerPaths.CERTIFICATE,
            new CertificateRenewal(
                CertificateRequests.create(KeyAlgorithm.P256.generateKeyPair(), "agent-2")));

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("a renewal keeps the name");
  }

  @Test
  void trust_servesTheBundleAndCrl_then304_andFollowsTheFiles() throws Exception {
    startWithCa();
    HttpClient agent = fixture.agent("agent-1");

    HttpResponse<String> first = fixture.get(agent, ServerPaths.TRUST);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = fixture.get(agent, ServerPaths.TRUST, "If-None-Match", etag);
    fixture.material(Role.AGENT, "agent-3");
    new Revocation(fixture.pki.directory()).revoke("agent-3");
    HttpResponse<String> changed =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> fixture.get(agent, ServerPaths.TRUST, "If-None-Match", etag),
                response -> response.statusCode() != 304);

    assertThat(first.statusCode()).isEqualTo(200);
    TrustBundle bundle = ProtocolJson.read(first.body(), 1 << 22, TrustBundle.class);
    assertThat(PemText.certificates(bundle.caCertificates(), "caCertificates"))
        .containsExactlyElementsOf(
            PemFiles.readCertificates(fixture.pki.directory().trustBundle()));
    assertThat(PemText.crls(bundle.crls(), "crls")).hasSize(1);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).isNotEqualTo(first.body());
  }

  @Test
  void adminTokens_createListRevoke() throws Exception {
    startWithCa();
    String secret = token("agent", 2);

    EnrollmentTokenList list =
        ProtocolJson.read(
            admin("GET", ServerPaths.ADMIN_ENROLLMENT_TOKENS, null).body(),
            1 << 20,
            EnrollmentTokenList.class);
    String id = list.tokens().get(0).id();
    HttpResponse<String> revoked = admin("DELETE", ServerPaths.adminEnrollmentToken(id), null);
    HttpResponse<String> unknown =
        admin("DELETE", ServerPaths.adminEnrollmentToken("0000000000000000"), null);
    HttpResponse<String> withoutAdminToken =
        fixture.get(fixture.anonymous(), ServerPaths.ADMIN_ENROLLMENT_TOKENS);
    HttpResponse<String> enrolled = enroll(secret, KeyAlgorithm.P256.generateKeyPair(), "host-1");

    assertThat(list.tokens()).singleElement().satisfies(t -> assertThat(t.token()).isNull());
    assertThat(revoked.statusCode()).isEqualTo(204);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(withoutAdminToken.statusCode()).isEqualTo(401);
    assertThat(enrolled.statusCode()).isEqualTo(403);
    assertThat(enrolled.body()).contains("revoked");
  }

  @Test
  void agentsList_showsCertificateExpiry_andWhetherItsRootIsThePreviousOne() throws Exception {
    startWithCa();
    // As the agent sends it: cert show's form, "3F:9A:...".
    String current =
        CertificateInfo.fingerprint(
            PemFiles.readCertificates(fixture.pki.directory().trustBundle()).get(0));

    fixture.postJson(fixture.agent("agent-1"), ServerPaths.STATUS, status("agent-1", current));
    fixture.postJson(
        fixture.agent("agent-2"), ServerPaths.STATUS, status("agent-2", "ab".repeat(32)));

    assertThat(fixture.admin().agents())
        .extracting(a -> a.agentId() + " " + a.certificateExpires() + " " + a.previousRoot())
        .containsExactly("agent-1 2027-03-02T10:00:00Z false", "agent-2 2027-03-02T10:00:00Z true");
  }

  private static StatusReport status(String agentId, String root) {
    return new StatusReport(
        agentId,
        "1.0.0",
        null,
        null,
        StatusReport.Mode.DIRECT,
        null,
        null,
        "2026-03-01T10:00:00Z",
        "2027-03-02T10:00:00Z",
        root);
  }
}
