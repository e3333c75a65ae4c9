package io.relayagent.trust;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * An organisation CA in a directory with a certificate for each host of an installation that runs
 * on this one machine: {@code relay-agent demo} makes its world with it, and the tests of every
 * module make theirs. The files are those {@code relay-agent cert init-ca | issue} write (see
 * {@link CaDirectory}), so hosts load them exactly as in production.
 *
 * <p>Hosts on one machine reach each other on loopback, so {@link #issue(Role, String)} names
 * {@code localhost} and {@code 127.0.0.1} in every certificate; {@link #issue(IssueRequest)} takes
 * any other request (other names, a validity in the past).
 *
 * <pre>{@code
 * LoopbackPki pki =
 *     LoopbackPki.create(dir, "CN=Demo CA,O=Relay Agent demo")
 *         .issue(Role.SERVER, "server")
 *         .issue(Role.RELAY, "relay-1");
 * SslContext tls = TlsContexts.forServer(pki.material("server"), Role.AGENT);
 * }</pre>
 */
public final class LoopbackPki {

  /** The host name every certificate of {@link #issue(Role, String)} answers to. */
  public static final String HOST = "localhost";

  /** The address every certificate of {@link #issue(Role, String)} answers to. */
  public static final String ADDRESS = "127.0.0.1";

  private final CaDirectory ca;

  private LoopbackPki(CaDirectory ca) {
    this.ca = ca;
  }

  /** Creates the CA, {@code caSubject} such as "CN=Demo CA,O=Relay Agent demo", in {@code dir}. */
  public static LoopbackPki create(Path dir, String caSubject) throws TrustFileException {
    CaDirectory ca = new CaDirectory(dir, Clock.systemUTC());
    new Issuance(ca)
        .initialize(caSubject, KeyAlgorithm.P256, CertificateAuthority.DEFAULT_VALIDITY, false);
    return new LoopbackPki(ca);
  }

  /** Issues {@code name}'s certificate for {@code role}, answering to localhost and 127.0.0.1. */
  public LoopbackPki issue(Role role, String name) throws TrustFileException {
    return issue(
        IssueRequest.of(role, name).withDnsNames(List.of(HOST)).withIpAddresses(List.of(ADDRESS)));
  }

  /** Issues the certificate {@code request} asks for, named by its common name. */
  public LoopbackPki issue(IssueRequest request) throws TrustFileException {
    new Issuance(ca).issue(request, null, false);
    return this;
  }

  /** The directory and its files. */
  public CaDirectory directory() {
    return ca;
  }

  /** The CA, to issue certificates that are not written to the directory. */
  public CertificateAuthority authority() throws TrustFileException {
    return ca.loadAuthority();
  }

  /** Where {@code name}'s trust material is: trusting ca.pem, proving itself with NAME.pem. */
  public TrustFiles files(String name) {
    return TrustFiles.trusting(ca.caCertificate())
        .withIdentity(ca.certificate(name), ca.privateKey(name));
  }

  /** {@code name}'s trust material, loaded as a host loads it. */
  public TrustMaterial material(String name) throws TrustFileException {
    return TrustMaterial.load(files(name));
  }

  /** Trust in this CA without an identity: a client that proves nothing about itself. */
  public TrustMaterial trustOnly() throws TrustFileException {
    return TrustMaterial.load(TrustFiles.trusting(ca.caCertificate()));
  }
}
