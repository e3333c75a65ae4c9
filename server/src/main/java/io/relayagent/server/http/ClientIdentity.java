package io.relayagent.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import io.relayagent.trust.CertificateRejectedException;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.Role;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

/**
 * Who is on the other end of a connection, as its client certificate proves: the TLS handshake has
 * already checked the certificate (issued by the organisation CA, valid, not revoked, with
 * clientAuth), so here it is only read. An agent's id is its certificate's common name, and no
 * request body can claim another.
 *
 * @param id the certificate's common name: the agent id (or relay id)
 * @param role {@link Role#AGENT}, or {@link Role#RELAY} for a relay's certificate (which may fetch
 *     content for its cache, and acts as an agent too)
 * @param chain the certificate chain it presented, for a path that checks it once more
 */
public record ClientIdentity(String id, Role role, List<X509Certificate> chain) {

  public ClientIdentity {
    chain = List.copyOf(chain);
  }

  /**
   * The identity proven on {@code tls}'s connection, if the client presented a certificate. The
   * certificate is checked again with {@code verifier} against the trust in force now: the
   * handshake that checked it may be long ago (a kept-alive connection) or may not have checked it
   * at all (a resumed session), and it may have been revoked since.
   *
   * @throws HttpProblem {@code 403} if the certificate is no longer accepted
   */
  public static Optional<ClientIdentity> of(SslHandler tls, ChainVerifier verifier)
      throws HttpProblem {
    Certificate[] chain;
    try {
      chain = tls.engine().getSession().getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
      return Optional.empty();
    }
    List<X509Certificate> presented = new ArrayList<>();
    for (Certificate each : chain) {
      if (each instanceof X509Certificate x509) {
        presented.add(x509);
      }
    }
    try {
      verifier.verify(presented, Role.AGENT);
    } catch (CertificateRejectedException e) {
      throw new HttpProblem(
          HttpResponseStatus.FORBIDDEN,
          "the client certificate is no longer accepted: " + e.getMessage());
    }
    String commonName = commonName(certificate);
    Role role = Role.of(certificate).orElse(null);
    if (commonName == null || commonName.isBlank() || (role != Role.AGENT && role != Role.RELAY)) {
      return Optional.empty();
    }
    return Optional.of(new ClientIdentity(commonName, role, presented));
  }

  private static String commonName(X509Certificate certificate) {
    try {
      LdapName name =
          new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
      // RFC 2253 lists the most specific name first; LdapName stores it last.
      for (int i = name.size() - 1; i >= 0; i--) {
        Rdn rdn = name.getRdn(i);
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
      return null;
    } catch (InvalidNameException e) {
      return null;
    }
  }
}
