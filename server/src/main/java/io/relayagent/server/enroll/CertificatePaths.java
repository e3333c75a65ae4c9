package io.relayagent.server.enroll;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.protocol.enroll.CertificateRenewal;
import io.relayagent.protocol.enroll.IssuedCertificate;
import io.relayagent.server.http.ApiRequest;
import io.relayagent.server.http.HttpProblem;
import io.relayagent.server.http.JsonBodies;
import io.relayagent.server.http.Replies;
import io.relayagent.server.http.Reply;
import io.relayagent.trust.CertificateRejectedException;
import io.relayagent.trust.CertificateRequests;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.LiveTrust;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustFileException;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate paths of an enrolled host, under its client certificate: {@code POST
 * /agent/v1/certificate} renews it for a new key (same name, same role), and {@code GET
 * /agent/v1/trust} hands out the trust bundle.
 */
public final class CertificatePaths {
  private static final Logger log = LoggerFactory.getLogger(CertificatePaths.class);

  private final CertificateIssuer issuer;
  private final TrustBundleDocument bundle;
  private final LiveTrust trust;
  private final ChainVerifier verifier;

  /**
   * @param trust the server's trust, read again before a renewal: a host revoked a moment ago (its
   *     CRL written, not yet re-read on the schedule) must not get a new, unrevoked certificate
   */
  public CertificatePaths(
      CertificateIssuer issuer, TrustBundleDocument bundle, LiveTrust trust, Clock clock) {
    this.issuer = issuer;
    this.bundle = bundle;
    this.trust = trust;
    this.verifier = new ChainVerifier(trust, clock);
  }

  /** {@code POST /agent/v1/certificate}: a new certificate for the caller's name and role. */
  public Reply renew(ApiRequest request) throws HttpProblem, IOException {
    if (!HttpMethod.POST.equals(request.method())) {
      throw HttpProblem.methodNotAllowed("POST");
    }
    issuer.requireAvailable();
    CertificateRenewal body =
        JsonBodies.read(request.http(), EnrollEndpoint.MAX_BODY_BYTES, CertificateRenewal.class);
    CertificateRequests.SigningRequest csr = CertificateIssuer.readRequest(body.csr());
    String caller = request.client().id();
    if (!csr.commonName().equals(caller)) {
      throw new HttpProblem(
          HttpResponseStatus.FORBIDDEN,
          "the request asks for \""
              + csr.commonName()
              + "\", but the client certificate is \""
              + caller
              + "\": a renewal keeps the name");
    }
    trust.reloadIfChanged();
    try {
      verifier.verify(request.client().chain(), Role.AGENT);
    } catch (CertificateRejectedException e) {
      throw new HttpProblem(
          HttpResponseStatus.FORBIDDEN, "no renewal: the client certificate " + e.getMessage());
    }
    String chain;
    try {
      chain = issuer.issue(csr, request.client().role());
    } catch (TrustFileException e) {
      throw new IOException("cannot issue from the CA directory: " + e.getMessage(), e);
    }
    log.info("{}: renewed the certificate of {}", request.remote(), caller);
    return Replies.json(HttpResponseStatus.OK, new IssuedCertificate(chain));
  }

  /** {@code GET /agent/v1/trust}: the roots and CRLs, {@code 304} if the caller has them. */
  public Reply trust(ApiRequest request) throws HttpProblem {
    if (!request.isRead()) {
      throw HttpProblem.methodNotAllowed("GET, HEAD");
    }
    return bundle.current().reply(request);
  }
}
