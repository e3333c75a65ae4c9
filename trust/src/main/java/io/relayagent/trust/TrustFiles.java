package io.relayagent.trust;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a host's trust material lives: what the agent's policy names in its trust section.
 *
 * @param caFiles PEM files of the CA certificates to trust (during a rollover, a bundle that holds
 *     the old and the new root)
 * @param certificateChainFile this host's PEM certificate chain, or {@code null} if it has none (or
 *     if the key file is a PKCS#12 file, which holds the chain too)
 * @param privateKeyFile this host's private key: PEM, or PKCS#12 if the name ends in .p12/.pfx;
 *     {@code null} if it has none
 * @param keyPasswordFile the file holding the password of an encrypted PEM key or of a PKCS#12
 *     file, or {@code null}
 * @param crlFile a PEM file of CRLs from the trusted CAs, or {@code null} for no revocation check
 */
public record TrustFiles(
    List<Path> caFiles,
    Path certificateChainFile,
    Path privateKeyFile,
    Path keyPasswordFile,
    Path crlFile) {

  public TrustFiles {
    caFiles = List.copyOf(caFiles);
    if (caFiles.isEmpty()) {
      throw new IllegalArgumentException("at least one CA file is needed to trust anything");
    }
  }

  /** Trust only: for a client that proves nothing about itself. */
  public static TrustFiles trusting(Path... caFiles) {
    return new TrustFiles(List.of(caFiles), null, null, null, null);
  }

  /** The same, with this host's certificate chain and key. */
  public TrustFiles withIdentity(Path chainFile, Path keyFile) {
    return new TrustFiles(caFiles, chainFile, keyFile, keyPasswordFile, crlFile);
  }

  public TrustFiles withKeyPasswordFile(Path passwordFile) {
    return new TrustFiles(caFiles, certificateChainFile, privateKeyFile, passwordFile, crlFile);
  }

  public TrustFiles withCrl(Path file) {
    return new TrustFiles(caFiles, certificateChainFile, privateKeyFile, keyPasswordFile, file);
  }
}
