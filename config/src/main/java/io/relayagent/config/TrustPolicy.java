package io.relayagent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the agent's certificates and keys are ({@code <trust>}). Every path is as written in the
 * policy ({@code <caCertificate file="..."/>}); an absent one is empty, and the agent then uses its
 * own file in its state directory.
 *
 * @param caCertificateFiles the organisation's CA certificates; more than one during a root-CA
 *     rollover, so that certificates of the old and the new CA are both trusted
 * @param certificateChainFile this host's certificate and its chain up to the CA
 * @param privateKeyFile the key of that certificate
 * @param privateKeyPasswordFile a file holding the key's password, if the key is encrypted
 * @param crlFile a certificate revocation list
 */
public record TrustPolicy(
    List<Path> caCertificateFiles,
    Optional<Path> certificateChainFile,
    Optional<Path> privateKeyFile,
    Optional<Path> privateKeyPasswordFile,
    Optional<Path> crlFile) {

  public TrustPolicy {
    caCertificateFiles = List.copyOf(caCertificateFiles);
    if (privateKeyPasswordFile.isPresent() && privateKeyFile.isEmpty()) {
      throw new IllegalArgumentException("a private key password file without a private key file");
    }
    Objects.requireNonNull(certificateChainFile, "certificateChainFile");
    Objects.requireNonNull(privateKeyFile, "privateKeyFile");
    Objects.requireNonNull(privateKeyPasswordFile, "privateKeyPasswordFile");
    Objects.requireNonNull(crlFile, "crlFile");
  }

  public static TrustPolicy defaults() {
    return new TrustPolicy(
        List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
