package io.relayagent.trust;

import io.relayagent.trust.CertificateRejectedException.Reason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a peer's certificate chain is acceptable: it leads to a trusted root, every
 * certificate in it is valid now, none is revoked, and the end-entity certificate may act in the
 * expected role. The checks run in that order, so a foreign certificate is reported as foreign even
 * if it has also expired.
 *
 * <p>Every TLS context of the project (through {@link TlsContexts}) and every offer signature check
 * (through {@link SignatureVerifier}) uses this class, so a refusal always reads the same.
 */
public final class ChainVerifier {
  /** Root, at most a few intermediates, end entity: anything longer is not from our hierarchy. */
  private static final int MAX_PATH_LENGTH = 5;

  private final TrustSource trust;
  private final Clock clock;
  private final IssuerSignatures signatures = IssuerSignatures.remembering();

  /** Verifies against the roots and CRLs {@code trust} holds at the moment of each check. */
  public ChainVerifier(TrustSource trust, Clock clock) {
    this.trust = trust;
    this.clock = clock;
  }

  /**
   * Verifies {@code chain} (end entity first, as TLS sends it) for {@code expected}.
   *
   * @return the certification path, from the end entity to the trusted root
   * @throws CertificateRejectedException naming the refused certificate and the reason
   */
  public List<X509Certificate> verify(List<X509Certificate> chain, Role expected)
      throws CertificateRejectedException {
    if (chain == null || chain.isEmpty()) {
      throw new CertificateRejectedException(
          "(none)", Reason.NO_CERTIFICATE, "no certificate was presented");
    }
    TrustMaterial material = trust.current();
    RevocationCheck revocation = material.revocation();
    X509Certificate leaf = chain.get(0);
    List<X509Certificate> path =
        buildPath(leaf, chain.subList(1, chain.size()), material.trustedRoots(), signatures);
    Date now = Date.from(clock.instant());
    for (X509Certificate certificate : path) {
      checkValidity(certificate, now);
    }
    for (int i = 0; i + 1 < path.size(); i++) {
      Optional<String> revoked = revocation.problem(path.get(i), path.get(i + 1));
      if (revoked.isPresent()) {
        throw rejected(path.get(i), Reason.REVOKED, revoked.get());
      }
    }
    Optional<String> roleProblem = RoleCheck.problem(leaf, expected);
    if (roleProblem.isPresent()) {
      throw rejected(leaf, Reason.WRONG_ROLE, roleProblem.get());
    }
    return path;
  }

  /** Where the roots and CRLs come from: for {@link SignatureVerifier#warmUp()}. */
  TrustSource trust() {
    return trust;
  }

  public List<X509Certificate> verify(X509Certificate[] chain, Role expected)
      throws CertificateRejectedException {
    return verify(chain == null ? List.of() : Arrays.asList(chain), expected);
  }

  /** Follows issuers through the presented chain until one is signed by a trusted root. */
  private static List<X509Certificate> buildPath(
      X509Certificate leaf,
      List<X509Certificate> presented,
      List<X509Certificate> trustedRoots,
      IssuerSignatures signatures)
      throws CertificateRejectedException {
    List<X509Certificate> path = new ArrayList<>();
    List<X509Certificate> unused = new ArrayList<>(presented);
    X509Certificate current = leaf;
    path.add(leaf);
    while (path.size() <= MAX_PATH_LENGTH) {
      Optional<X509Certificate> root = issuerAmong(current, trustedRoots, signatures);
      if (root.isPresent()) {
        if (!root.get().equals(current)) {
          path.add(root.get());
        }
        checkPathLength(leaf, path);
        return path;
      }
      Optional<X509Certificate> next = issuerAmong(current, unused, signatures);
      if (next.isEmpty() || next.get().equals(current)) {
        break;
      }
      unused.remove(next.get());
      path.add(next.get());
      current = next.get();
    }
    throw rejected(
        leaf,
        Reason.UNTRUSTED_ISSUER,
        "not issued by a trusted CA (issuer \"" + Names.issuer(current) + "\")");
  }

  /** The CA among {@code candidates} whose name is the issuer's and whose key signed it. */
  static Optional<X509Certificate> issuerAmong(
      X509Certificate certificate, List<X509Certificate> candidates) {
    return issuerAmong(certificate, candidates, IssuerSignatures.checkingEachTime());
  }

  private static Optional<X509Certificate> issuerAmong(
      X509Certificate certificate, List<X509Certificate> candidates, IssuerSignatures signatures) {
    for (X509Certificate candidate : candidates) {
      boolean mayIssue =
          candidate.getBasicConstraints() >= 0
              && (candidate.getKeyUsage() == null || candidate.getKeyUsage()[5]);
      // Same name, other key (an old or a forged CA): the signature fails, keep looking.
      if (mayIssue
          && candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
          && signatures.signedBy(certificate, candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** How many issuer signatures this verifier remembers as checked (for tests). */
  long rememberedSignatures() {
    return signatures.remembered();
  }

  /** A CA may have at most as many CAs below it as its path length constraint says. */
  private static void checkPathLength(X509Certificate leaf, List<X509Certificate> path)
      throws CertificateRejectedException {
    for (int i = 2; i < path.size(); i++) {
      if (i - 1 > path.get(i).getBasicConstraints()) {
        throw rejected(
            leaf,
            Reason.UNTRUSTED_ISSUER,
            "not issued by a trusted CA (\""
                + Names.subject(path.get(i))
                + "\" may not delegate to another CA)");
      }
    }
  }

  private static void checkValidity(X509Certificate certificate, Date now)
      throws CertificateRejectedException {
    try {
      certificate.checkValidity(now);
    } catch (CertificateExpiredException e) {
      throw rejected(
          certificate, Reason.EXPIRED, "expired on " + certificate.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw rejected(
          certificate,
          Reason.NOT_YET_VALID,
          "not valid before " + certificate.getNotBefore().toInstant());
    }
  }

  static CertificateRejectedException rejected(
      X509Certificate certificate, Reason reason, String detail) {
    return new CertificateRejectedException(Names.subject(certificate), reason, detail);
  }
}
