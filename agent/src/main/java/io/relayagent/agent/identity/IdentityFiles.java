package io.relayagent.agent.identity;

import io.relayagent.config.TrustPolicy;
import io.relayagent.trust.TrustFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the agent's trust and identity files are, as its policy names them: relative paths are read
 * from the policy file's directory; a policy that names no CA uses {@code STATE/trust/}:
 *
 * <pre>
 * ca.pem              the organisation's roots (the trust bundle the server sends replaces it)
 * crl.pem             the CRLs of those roots (sent by the server with the trust bundle)
 * agent.pem           this host's certificate chain (written at enrollment and renewal)
 * agent-key.pem       its private key (owner-only; made here, never sent anywhere)
 * enrollment-token    the token to enroll with, until the host has a certificate (owner-only)
 * agent-name          the name to enroll under (made once if absent)
 * </pre>
 *
 * @param caFiles the CA files to trust
 * @param bundleFile where the server's trust bundle is written, or {@code null} when the policy
 *     names several CA files (then the administrator keeps them)
 * @param crlFile the CRL file: the policy's, else {@code STATE/trust/crl.pem}; used when it exists
 */
public record IdentityFiles(
    List<Path> caFiles,
    Path bundleFile,
    Path certificateChain,
    Path privateKey,
    Path keyPassword,
    Path crlFile,
    Path enrollmentToken,
    Path nameFile) {

  public IdentityFiles {
    caFiles = List.copyOf(caFiles);
  }

  /** The files for {@code policy}, with the agent's own defaults under {@code stateDirectory}. */
  public static IdentityFiles of(TrustPolicy policy, Path policyDirectory, Path stateDirectory) {
    Path trust = stateDirectory.resolve("trust");
    Path crl = policy.crlFile().map(policyDirectory::resolve).orElse(trust.resolve("crl.pem"));
    Path token = trust.resolve("enrollment-token");
    Path name = trust.resolve("agent-name");
    if (policy.caCertificateFiles().isEmpty()) {
      Path ca = trust.resolve("ca.pem");
      return new IdentityFiles(
          List.of(ca),
          ca,
          trust.resolve("agent.pem"),
          trust.resolve("agent-key.pem"),
          null,
          crl,
          token,
          name);
    }
    List<Path> cas = policy.caCertificateFiles().stream().map(policyDirectory::resolve).toList();
    return new IdentityFiles(
        cas,
        cas.size() == 1 ? cas.get(0) : null,
        policy.certificateChainFile().map(policyDirectory::resolve).orElse(null),
        policy.privateKeyFile().map(policyDirectory::resolve).orElse(null),
        policy.privateKeyPasswordFile().map(policyDirectory::resolve).orElse(null),
        crl,
        token,
        name);
  }

  /** Whether the key is a PKCS#12 file, which holds its chain too (and cannot be renewed here). */
  public boolean pkcs12() {
    if (privateKey == null) {
      return false;
    }
    String name = privateKey.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".p12") || name.endsWith(".pfx");
  }

  /** Whether the host has a certificate and key on disk. */
  public boolean hasIdentity() {
    return privateKey != null
        && Files.exists(privateKey)
        && (pkcs12() || (certificateChain != null && Files.exists(certificateChain)));
  }

  /** Whether enrollment and renewal may write the certificate and key (PEM files we know). */
  public boolean renewable() {
    return privateKey != null && certificateChain != null && !pkcs12();
  }

  /** The trust files as they are now: the identity if it is on disk, the CRL if it exists. */
  public TrustFiles trustFiles() {
    TrustFiles files = new TrustFiles(caFiles, null, null, null, null);
    if (hasIdentity()) {
      files = files.withIdentity(pkcs12() ? null : certificateChain, privateKey);
      if (keyPassword != null) {
        files = files.withKeyPasswordFile(keyPassword);
      }
    }
    return Files.exists(crlFile) ? files.withCrl(crlFile) : files;
  }

  /** The certificate request of an enrollment under way, kept with its key across attempts. */
  Path enrollmentRequest() {
    return nameFile.resolveSibling("enrollment.csr");
  }

  /** Where a renewal writes the new key before it replaces the current one. */
  Path nextPrivateKey() {
    return sibling(privateKey, ".next");
  }

  /** Where a renewal writes the new certificate before it replaces the current one. */
  Path nextCertificateChain() {
    return sibling(certificateChain, ".next");
  }

  private static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }
}
