package io.relayagent.server.enroll;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.server.http.HttpProblem;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.CertificateRequests;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.PemFiles;
import io.relayagent.trust.PemText;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues certificates from the administrator's CA directory for the keys of enrolling and renewing
 * hosts, and records each as {@code NAME.pem} there (the chain only: the key never left the host),
 * so that {@code relay-agent cert revoke NAME} and {@code cert show} work on it as on any other.
 *
 * <p>The CA is read from its files at each issue, so a {@code cert renew} that replaced the root
 * issues from the new root at once. One lock orders the writes to the directory.
 */
public final class CertificateIssuer {
  private static final Logger log = LoggerFactory.getLogger(CertificateIssuer.class);

  /** Without a CA directory, enrollment and renewal cannot work: said so at every request. */
  static final String NO_CA =
      "this server has no CA directory (ca.directory in server.properties or --ca-dir)";

  private final CaDirectory ca;
  private final Duration validity;

  /**
   * @param caDirectory the CA directory, or {@code null}: every request is answered 503
   */
  public CertificateIssuer(Path caDirectory, Duration validity, Clock clock) {
    this.ca = caDirectory == null ? null : new CaDirectory(caDirectory, clock);
    this.validity = validity;
  }

  /** Whether the server has a CA to issue from. */
  public boolean available() {
    return ca != null;
  }

  /** {@code 503} if the server has no CA directory. */
  void requireAvailable() throws HttpProblem {
    if (ca == null) {
      throw new HttpProblem(HttpResponseStatus.SERVICE_UNAVAILABLE, NO_CA);
    }
  }

  /**
   * {@code 409} if {@code name} is the name of a certificate of another role in the CA directory:
   * an agent cannot enroll as the server or a relay. The same name and role may enroll again (a
   * reinstalled host).
   */
  synchronized void checkNameFree(String name, Role role) throws HttpProblem {
    requireAvailable();
    Optional<Role> existing = existingRole(name);
    if (existing.isPresent() && existing.get() != role) {
      throw new HttpProblem(
          HttpResponseStatus.CONFLICT,
          "\""
              + name
              + "\" is already the name of "
              + existing.get().description()
              + "; choose another name");
    }
  }

  /**
   * Issues the certificate for {@code request}'s key and name in {@code role}, and records it.
   *
   * @return the chain in PEM, the new certificate first
   * @throws HttpProblem {@code 503} without a CA, {@code 409} on a name of another role
   */
  public synchronized String issue(CertificateRequests.SigningRequest request, Role role)
      throws HttpProblem, TrustFileException {
    String name = request.commonName();
    checkNameFree(name, role);
    List<X509Certificate> chain =
        ca.loadAuthority()
            .issue(IssueRequest.of(role, name).withValidity(validity), request.publicKey());
    PemFiles.writeCertificates(ca.certificate(name), chain, true);
    log.info(
        "issued {} certificate for {} (serial {}, until {}), recorded in {}",
        role.cliName(),
        name,
        chain.get(0).getSerialNumber().toString(16),
        chain.get(0).getNotAfter().toInstant(),
        ca.certificate(name));
    return PemText.encode(chain);
  }

  /**
   * Reads a PEM certificate request: signed by the key it carries, and asking for a name that can
   * name a certificate of the CA directory.
   *
   * @throws HttpProblem {@code 400} saying what is wrong
   */
  static CertificateRequests.SigningRequest readRequest(String pem) throws HttpProblem {
    try {
      CertificateRequests.SigningRequest request = CertificateRequests.read(pem, "csr");
      CaDirectory.checkName(request.commonName());
      return request;
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest(e.getMessage());
    }
  }

  private Optional<Role> existingRole(String name) throws HttpProblem {
    Path file = ca.certificate(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Role.of(PemFiles.readCertificates(file).get(0));
    } catch (TrustFileException e) {
      throw new HttpProblem(
          HttpResponseStatus.CONFLICT,
          "\"" + name + "\" is the name of a file in the CA directory that is not a certificate");
    }
  }
}
