package io.relayagent.agent.identity;

import io.netty.handler.codec.http.HttpMethod;
import io.relayagent.agent.connect.Exchanges;
import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import io.relayagent.mesh.client.HttpSession;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.enroll.CertificateRenewal;
import io.relayagent.protocol.enroll.EnrollmentRequest;
import io.relayagent.protocol.enroll.IssuedCertificate;
import io.relayagent.protocol.enroll.TrustBundle;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.trust.CertificateAuthority;
import io.relayagent.trust.CertificateInfo;
import io.relayagent.trust.CertificateNames;
import io.relayagent.trust.CertificateRejectedException;
import io.relayagent.trust.CertificateRequests;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.Credential;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.LiveTrust;
import io.relayagent.trust.PemFiles;
import io.relayagent.trust.PemText;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustFileException;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's certificate through its life: enrollment with a token at the first ASCI (the key is
 * made here and never leaves the host), the trust bundle and CRLs the server sends at each ASCI,
 * and renewal once two thirds of the certificate's life have passed or when its root is no longer
 * the organisation's current one (a root CA rollover). Every change is put in force through one
 * {@link LiveTrust}, which the agent's TLS contexts, verifiers and relay read at each use.
 */
public final class AgentCertificate {
  private static final Logger log = LoggerFactory.getLogger(AgentCertificate.class);

  private volatile IdentityFiles files;
  private final LiveTrust trust;
  private final Clock clock;
  private final String enrollmentName;
  private volatile String problem;
  private volatile Duration rolloverGrace = Duration.ofHours(1);

  private AgentCertificate(IdentityFiles files, LiveTrust trust, Clock clock, String name) {
    this.files = files;
    this.trust = trust;
    this.clock = clock;
    this.enrollmentName = name;
  }

  /**
   * Reads the host's files, finishing a renewal a crash interrupted.
   *
   * @throws IOException if they cannot be used, or if the host has neither a certificate nor an
   *     enrollment token
   */
  public static AgentCertificate open(IdentityFiles files, Clock clock) throws IOException {
    IdentityWriter.recover(files);
    String name = null;
    if (!files.hasIdentity()) {
      if (!Files.exists(files.enrollmentToken())) {
        throw new IOException(
            "no certificate ("
                + (files.certificateChain() == null ? files.privateKey() : files.certificateChain())
                + ") and no enrollment token ("
                + files.enrollmentToken()
                + "): put the token from `relay-agent server token create` there, or install a"
                + " certificate and key");
      }
      if (!files.renewable()) {
        throw new IOException(
            "the policy names a PKCS#12 key or no certificate file, so the agent cannot enroll"
                + " into it: name PEM files (certificateChain, privateKey) or none");
      }
      name = EnrollmentName.of(files.nameFile());
    }
    AgentCertificate certificate;
    try {
      certificate = new AgentCertificate(files, LiveTrust.load(files.trustFiles()), clock, name);
    } catch (TrustFileException e) {
      throw new IOException("the agent's certificates cannot be used: " + e.getMessage(), e);
    }
    certificate.checkIssuer();
    return certificate;
  }

  /**
   * Says, in the log and in {@link #status()}, when the host's certificate leads to no trusted root
   * by its signatures: a flipped bit in what it signs, or a root no longer trusted. Peers will
   * refuse it; the agent still starts, so that it can renew or enroll again.
   */
  private void checkIssuer() {
    Optional<Credential> identity = trust.current().identity();
    if (identity.isEmpty()) {
      return;
    }
    List<X509Certificate> chain = identity.get().chain();
    ChainVerifier verifier = new ChainVerifier(trust, clock);
    // Each certificate of the chain in turn, the CA copies after the host's too: TLS sends them
    // all.
    for (int i = 0; i < chain.size(); i++) {
      try {
        verifier.verify(chain.subList(i, chain.size()), Role.of(chain.get(i)).orElse(Role.AGENT));
      } catch (CertificateRejectedException e) {
        // Expired, revoked or another role are states of their own, told elsewhere.
        if (e.reason() == CertificateRejectedException.Reason.UNTRUSTED_ISSUER) {
          Path file =
              files.certificateChain() != null ? files.certificateChain() : files.privateKey();
          problem =
              file
                  + " leads to no trusted root by its signatures (damaged, or issued by a root"
                  + " no longer trusted): peers refuse it";
          log.warn("the host's certificate {}", problem);
          return;
        }
      }
    }
  }

  /** What every TLS context and verifier of the agent reads. */
  public LiveTrust trust() {
    return trust;
  }

  public boolean enrolled() {
    return trust.current().identity().isPresent();
  }

  /** The agent id: the certificate's common name, or the name it will enroll under. */
  public String name() {
    return trust
        .current()
        .identity()
        .map(identity -> CertificateNames.commonName(identity.certificate()))
        .orElse(enrollmentName);
  }

  public CertificateStatus status() {
    Optional<Credential> identity = trust.current().identity();
    if (identity.isEmpty()) {
      return new CertificateStatus(
          problem == null ? "not enrolled: enrolls at the next ASCI" : problem,
          enrollmentName,
          null,
          null,
          null,
          null);
    }
    X509Certificate certificate = identity.get().certificate();
    String state =
        renewalReason()
            .map(r -> "renewal due: " + r)
            .or(
                () ->
                    rolloverRenewal(certificate)
                        .map(
                            at ->
                                "enrolled (a new root CA is in use: renews from it after "
                                    + at
                                    + ")"))
            .orElse("enrolled");
    if (problem != null) {
      state = state + " (" + problem + ")";
    }
    return new CertificateStatus(
        state,
        CertificateNames.commonName(certificate),
        Role.of(certificate).map(Role::cliName).orElse(null),
        certificate.getNotAfter().toInstant(),
        renewAfter(certificate),
        trust.current().issuingRoot(certificate).map(CertificateInfo::fingerprint).orElse(null));
  }

  /**
   * Follows a policy whose {@code <trust>} names other files (a CRL added, a CA file replaced): the
   * new files are read and put in force; if they cannot be used, the current ones stay.
   */
  public synchronized void applyFiles(IdentityFiles newFiles) {
    if (newFiles.equals(files)) {
      return;
    }
    try {
      trust.replace(newFiles.trustFiles());
      files = newFiles;
      log.info("the policy names other trust files; they are in force");
    } catch (TrustFileException e) {
      log.warn(
          "the policy's trust files cannot be used; keeping the current ones: {}", e.getMessage());
    }
  }

  /**
   * Reads the files again if any changed (a CRL or bundle an administrator replaced, or the server
   * sent). A CRL file that did not exist when the files were last read is named now: otherwise the
   * first CRL a host receives, which is how a revocation reaches it, would never be put in force.
   */
  public synchronized boolean reloadIfChanged() {
    TrustFiles now = files.trustFiles();
    if (now.equals(trust.files())) {
      return trust.reloadIfChanged();
    }
    try {
      trust.replace(now);
      return true;
    } catch (TrustFileException e) {
      log.warn(
          "trust files changed but cannot be used; keeping the previous ones: {}", e.getMessage());
      return false;
    }
  }

  // Enrollment

  /**
   * Asks for a certificate over {@code session}, which reaches a server directly or a relay that
   * forwards the request to one, and puts it in force.
   *
   * @throws IOException if the request is refused or what comes back is not a certificate for this
   *     host's key from the organisation's CA
   */
  public synchronized void enroll(HttpSession session, String agentVersion)
      throws IOException, InterruptedException {
    if (enrolled()) {
      return;
    }
    String token = Files.readString(files.enrollmentToken(), StandardCharsets.UTF_8).strip();
    EnrollmentKey key = enrollmentKey();
    EnrollmentRequest request = new EnrollmentRequest(token, key.request(), agentVersion);
    HttpSession.Response response = Exchanges.postJson(session, ServerPaths.ENROLL, request);
    if (response.status() != 200) {
      problem = "enrollment refused (" + response.status() + Exchanges.reason(response) + ")";
      throw new IOException(problem);
    }
    List<X509Certificate> chain = issued(response, key.publicKey(), enrollmentName, null);
    try {
      PemFiles.writeCertificates(files.certificateChain(), chain, true);
      trust.replace(files.trustFiles());
    } catch (TrustFileException e) {
      throw new IOException("the new certificate cannot be used: " + e.getMessage(), e);
    }
    Files.deleteIfExists(files.enrollmentToken()); // a secret the host no longer needs
    Files.deleteIfExists(files.enrollmentRequest());
    problem = null;
    log.info(
        "enrolled as {} ({}), certificate valid until {}",
        enrollmentName,
        Role.of(chain.get(0)).map(Role::cliName).orElse("?"),
        chain.get(0).getNotAfter().toInstant());
  }

  /**
   * The request enrollment sends: made once with a new key and kept beside it, so that every
   * attempt (and an answer that arrives after a crash) is for the same key.
   */
  private EnrollmentKey enrollmentKey() throws IOException {
    Path requestFile = files.enrollmentRequest();
    Optional<EnrollmentKey> kept = keptRequest(requestFile, files.privateKey(), enrollmentName);
    if (kept.isPresent()) {
      return kept.get();
    }
    try {
      KeyPair keys = KeyAlgorithm.P256.generateKeyPair();
      String csr = CertificateRequests.create(keys, enrollmentName);
      PemFiles.writePrivateKey(files.privateKey(), keys.getPrivate(), true);
      AtomicFile.replace(requestFile, csr.getBytes(StandardCharsets.US_ASCII), FileAccess.PRIVATE);
      return new EnrollmentKey(keys.getPublic(), csr);
    } catch (TrustFileException | IllegalArgumentException e) {
      throw new IOException("the enrollment key cannot be used: " + e.getMessage(), e);
    }
  }

  record EnrollmentKey(PublicKey publicKey, String request) {}

  /**
   * The request an earlier attempt kept, if it and the key beside it are whole and belong together
   * and to {@code name}. Anything else (damage to either file, one without the other) is logged and
   * a new key and request are made: a request for a key the host no longer holds would use up a
   * token use for a certificate it cannot use, at every ASCI.
   */
  static Optional<EnrollmentKey> keptRequest(Path requestFile, Path keyFile, String name) {
    if (!Files.exists(keyFile) || !Files.exists(requestFile)) {
      return Optional.empty();
    }
    try {
      String csr = Files.readString(requestFile, StandardCharsets.US_ASCII);
      CertificateRequests.SigningRequest request =
          CertificateRequests.read(csr, requestFile.toString());
      // A request signed by the key on disk reads back only if that key is the request's.
      CertificateRequests.read(
          CertificateRequests.create(
              new KeyPair(request.publicKey(), PemFiles.readPrivateKey(keyFile, null)), name),
          keyFile.toString());
      if (!request.commonName().equals(name)) {
        throw new IllegalArgumentException(requestFile + " asks for another name");
      }
      return Optional.of(new EnrollmentKey(request.publicKey(), csr));
    } catch (IOException | TrustFileException | RuntimeException e) {
      log.warn(
          "the enrollment request kept from an earlier attempt cannot be used ({}); a new key and"
              + " request are made",
          e.getMessage());
      return Optional.empty();
    }
  }

  // Trust bundle

  /**
   * Fetches the trust bundle and CRLs and writes them if they changed. A bundle that would no
   * longer trust the server this session reached is refused: it would cut the agent off.
   */
  public void updateTrust(HttpSession session, Consumer<String> progress)
      throws IOException, InterruptedException {
    HttpSession.Response response =
        Exchanges.await(session.send(HttpMethod.GET, ServerPaths.TRUST, Map.of(), null));
    if (response.status() == 404) {
      return; // a server that does not send trust bundles
    }
    if (response.status() != 200) {
      throw new IOException(
          "GET " + ServerPaths.TRUST + ": " + response.status() + Exchanges.reason(response));
    }
    TrustBundle bundle = read(response, TrustBundle.class);
    List<X509Certificate> roots = PemText.certificates(bundle.caCertificates(), "caCertificates");
    List<X509CRL> crls = bundle.crls() == null ? List.of() : PemText.crls(bundle.crls(), "crls");
    TrustMaterial proposed;
    try {
      proposed = TrustMaterial.of(roots, null, crls, "the server's trust bundle");
      new ChainVerifier(proposed, clock).verify(session.peerCertificates(), Role.SERVER);
    } catch (IllegalArgumentException | CertificateRejectedException e) {
      throw new IOException("the server's trust bundle is refused: " + e.getMessage(), e);
    }
    boolean changed = false;
    if (files.bundleFile() != null) {
      changed |= replaceIfDifferent(files.bundleFile(), PemText.encode(roots));
    }
    if (!crls.isEmpty()) {
      changed |= replaceIfDifferent(files.crlFile(), PemText.encode(crls));
    }
    if (changed && reloadIfChanged()) {
      progress.accept(
          "trust bundle updated (" + roots.size() + " root(s), " + crls.size() + " CRL(s))");
    }
  }

  private static boolean replaceIfDifferent(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
      return false;
    }
    AtomicFile.replace(file, bytes, FileAccess.PRIVATE);
    return true;
  }

  // Renewal

  /**
   * Why the certificate should be renewed now: two thirds of its life have passed, or it was issued
   * by a root that is no longer the first of the trust bundle (a rollover is under way).
   */
  public Optional<String> renewalReason() {
    Optional<Credential> identity = trust.current().identity();
    if (identity.isEmpty()) {
      return Optional.empty();
    }
    X509Certificate certificate = identity.get().certificate();
    if (!clock.instant().isBefore(renewAfter(certificate))) {
      return Optional.of("two thirds of its life have passed");
    }
    Optional<Instant> rollover = rolloverRenewal(certificate);
    if (rollover.isPresent() && !clock.instant().isBefore(rollover.get())) {
      return Optional.of("it is from the previous root CA");
    }
    return Optional.empty();
  }

  /**
   * How long after a root CA rollover began a host waits before it renews from the new root: one
   * ASCI interval (the policy's), so that every host has fetched the bundle with both roots first.
   * A relay that renewed at once would present a certificate its agents do not trust yet, and
   * agents behind it could fetch the new bundle only through it.
   */
  public void rolloverGrace(Duration grace) {
    this.rolloverGrace = grace;
  }

  /**
   * When {@code certificate}, issued by a root that is no longer the bundle's first, is renewed:
   * one grace after the new root came into use (its validity starts {@link
   * CertificateAuthority#CLOCK_SKEW} before it was made); empty if its root is the current one.
   */
  private Optional<Instant> rolloverRenewal(X509Certificate certificate) {
    X509Certificate current = trust.current().trustedRoots().get(0);
    Optional<X509Certificate> root = trust.current().issuingRoot(certificate);
    if (root.isEmpty() || root.get().equals(current)) {
      return Optional.empty();
    }
    return Optional.of(
        current
            .getNotBefore()
            .toInstant()
            .plus(CertificateAuthority.CLOCK_SKEW)
            .plus(rolloverGrace));
  }

  /** Asks for a new certificate for a new key over the agent's authenticated session. */
  public synchronized void renew(HttpSession session, Consumer<String> progress)
      throws IOException, InterruptedException {
    Optional<String> reason = renewalReason();
    if (reason.isEmpty()) {
      return;
    }
    if (!files.renewable()) {
      problem = "cannot renew: the policy names a PKCS#12 key";
      throw new IOException(problem);
    }
    X509Certificate current = trust.current().identity().orElseThrow().certificate();
    String name = CertificateNames.commonName(current);
    KeyPair keys = KeyAlgorithm.of(current.getPublicKey()).generateKeyPair();
    HttpSession.Response response =
        Exchanges.postJson(
            session,
            ServerPaths.CERTIFICATE,
            new CertificateRenewal(CertificateRequests.create(keys, name)));
    if (response.status() != 200) {
      problem = "renewal refused (" + response.status() + Exchanges.reason(response) + ")";
      throw new IOException(problem);
    }
    List<X509Certificate> chain =
        issued(response, keys.getPublic(), name, Role.of(current).orElse(null));
    IdentityWriter.replace(files, keys.getPrivate(), chain);
    try {
      trust.replace(files.trustFiles());
    } catch (TrustFileException e) {
      throw new IOException("the renewed certificate cannot be used: " + e.getMessage(), e);
    }
    problem = null;
    progress.accept(
        "certificate renewed ("
            + reason.get()
            + "); valid until "
            + chain.get(0).getNotAfter().toInstant());
  }

  // Shared checks

  /**
   * The chain the server sent, once it is proven to be for this host's key and name, from the
   * organisation's CA, and for an agent or relay (the same role as before, for a renewal).
   */
  private List<X509Certificate> issued(
      HttpSession.Response response, PublicKey key, String name, Role expectedRole)
      throws IOException {
    IssuedCertificate issued = read(response, IssuedCertificate.class);
    List<X509Certificate> chain;
    try {
      chain = PemText.certificates(issued.certificateChain(), "certificateChain");
    } catch (IllegalArgumentException e) {
      throw new IOException("the server's answer holds no certificate: " + e.getMessage(), e);
    }
    X509Certificate leaf = chain.get(0);
    if (!Arrays.equals(leaf.getPublicKey().getEncoded(), key.getEncoded())) {
      throw new IOException("the certificate sent back is not for this host's key");
    }
    if (!name.equals(CertificateNames.commonName(leaf))) {
      throw new IOException(
          "the certificate sent back names " + CertificateNames.commonName(leaf) + ", not " + name);
    }
    Role role = Role.of(leaf).orElse(null);
    if (role != Role.AGENT && role != Role.RELAY
        || (expectedRole != null && role != expectedRole)) {
      throw new IOException(
          "the certificate sent back is for the role "
              + (role == null ? "none" : role.cliName())
              + (expectedRole == null ? "" : ", not " + expectedRole.cliName()));
    }
    try {
      new ChainVerifier(trust, clock).verify(chain, role);
    } catch (CertificateRejectedException e) {
      throw new IOException("the certificate sent back is refused: " + e.getMessage(), e);
    }
    return chain;
  }

  private static <T> T read(HttpSession.Response response, Class<T> type) throws IOException {
    try {
      return ProtocolJson.read(response.body(), 8 << 20, type);
    } catch (MalformedJsonException e) {
      throw new IOException(
          "the server's answer is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Two thirds into the certificate's validity. */
  static Instant renewAfter(X509Certificate certificate) {
    Instant from = certificate.getNotBefore().toInstant();
    Instant to = certificate.getNotAfter().toInstant();
    return from.plus(Duration.between(from, to).multipliedBy(2).dividedBy(3));
  }

  @Override
  public String toString() {
    return "AgentCertificate[" + name().toLowerCase(Locale.ROOT) + "]";
  }
}
