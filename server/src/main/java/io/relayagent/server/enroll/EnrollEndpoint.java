package io.relayagent.server.enroll;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.enroll.EnrollmentRequest;
import io.relayagent.protocol.enroll.IssuedCertificate;
import io.relayagent.server.http.ApiRequest;
import io.relayagent.server.http.Endpoint;
import io.relayagent.server.http.HttpProblem;
import io.relayagent.server.http.JsonBodies;
import io.relayagent.server.http.Replies;
import io.relayagent.server.http.Reply;
import io.relayagent.trust.CertificateRequests;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustFileException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /enroll/v1/certificate}: the one path a client without a certificate may use. A host
 * presents an enrollment token and a certificate request; the token decides the role, the request
 * the name and the key, and the server's CA issues the certificate (docs/enrollment.md). A request
 * that a relay forwards arrives with the relay's certificate, and is logged with the relay's id.
 *
 * <p>The token is used up only once everything else about the request is known to be good (a bad
 * request or a name of another role costs no use). Refused attempts are counted per source address
 * and limited, so that tokens cannot be guessed at speed.
 */
public final class EnrollEndpoint implements Endpoint {
  private static final Logger log = LoggerFactory.getLogger(EnrollEndpoint.class);

  /** A token, a request of a few hundred bytes and a version: 16 KiB is plenty. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  static final int MAX_FAILURES = 10;
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

  private final EnrollmentTokens tokens;
  private final CertificateIssuer issuer;
  private final FailureLimiter failures;
  private final Clock clock;

  public EnrollEndpoint(EnrollmentTokens tokens, CertificateIssuer issuer, Clock clock) {
    this.tokens = tokens;
    this.issuer = issuer;
    this.failures = new FailureLimiter(MAX_FAILURES, FAILURE_WINDOW, clock);
    this.clock = clock;
  }

  @Override
  public Reply handle(ApiRequest request) throws HttpProblem, IOException {
    if (!request.path().equals(ServerPaths.ENROLL)) {
      throw HttpProblem.notFound("no such path");
    }
    if (!HttpMethod.POST.equals(request.method())) {
      throw HttpProblem.methodNotAllowed("POST");
    }
    issuer.requireAvailable();
    InetAddress source = request.remote().getAddress();
    Duration wait = failures.waitFor(source);
    if (!wait.isZero()) {
      throw new HttpProblem(
              HttpResponseStatus.TOO_MANY_REQUESTS,
              "too many refused enrollments from this address; try again later")
          .withHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
    }
    try {
      return enroll(request);
    } catch (HttpProblem problem) {
      failures.failed(source);
      log.warn(
          "{}{}: enrollment refused: {}", request.remote(), via(request), problem.getMessage());
      throw problem;
    }
  }

  private Reply enroll(ApiRequest request) throws HttpProblem, IOException {
    EnrollmentRequest body =
        JsonBodies.read(request.http(), MAX_BODY_BYTES, EnrollmentRequest.class);
    CertificateRequests.SigningRequest csr = CertificateIssuer.readRequest(body.csr());
    Role role = accepted(tokens.check(body.token(), clock.instant())).role();
    issuer.checkNameFree(csr.commonName(), role);
    Redemption.Accepted used = accepted(tokens.redeem(body.token(), clock.instant()));
    String chain;
    try {
      chain = issuer.issue(csr, used.role());
    } catch (TrustFileException e) {
      throw new IOException("cannot issue from the CA directory: " + e.getMessage(), e);
    }
    log.info(
        "{}{}: enrolled {} ({}, agent version {}) with token {}",
        request.remote(),
        via(request),
        csr.commonName(),
        used.role().cliName(),
        body.agentVersion(),
        used.tokenId());
    return Replies.json(HttpResponseStatus.OK, new IssuedCertificate(chain));
  }

  private static Redemption.Accepted accepted(Redemption redemption) throws HttpProblem {
    if (redemption instanceof Redemption.Refused refused) {
      throw new HttpProblem(HttpResponseStatus.FORBIDDEN, refused.reason().message());
    }
    return (Redemption.Accepted) redemption;
  }

  private static String via(ApiRequest request) {
    return request.client() == null
        ? ""
        : " (forwarded by " + request.client().role().cliName() + " " + request.client().id() + ")";
  }
}
