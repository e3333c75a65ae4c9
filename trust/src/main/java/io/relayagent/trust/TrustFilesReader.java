package io.relayagent.trust;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads {@link TrustFiles} into {@link TrustMaterial}, naming the file at fault in every error. */
final class TrustFilesReader {
  private static final Logger LOG = LoggerFactory.getLogger(TrustFilesReader.class);

  private TrustFilesReader() {}

  static TrustMaterial read(TrustFiles files) throws TrustFileException {
    List<X509Certificate> roots = new ArrayList<>();
    for (Path caFile : files.caFiles()) {
      List<X509Certificate> inFile = PemFiles.readCertificates(caFile);
      for (X509Certificate certificate : inFile) {
        if (certificate.getBasicConstraints() < 0) {
          throw new TrustFileException(
              caFile, Names.subject(certificate) + " is not a CA certificate");
        }
        checkSigned(caFile, certificate, inFile);
        roots.add(certificate);
      }
    }
    Credential identity = readIdentity(files);
    List<X509CRL> crls = List.of();
    if (files.crlFile() != null) {
      crls = PemFiles.readCrls(files.crlFile());
      for (X509CRL crl : crls) {
        if (TrustMaterial.signerOf(crl, roots).isEmpty()) {
          throw new TrustFileException(
              files.crlFile(),
              "the CRL of \"" + crl.getIssuerX500Principal() + "\" is not signed by a trusted CA");
        }
        if (crl.getNextUpdate() != null
            && crl.getNextUpdate().toInstant().isBefore(Instant.now())) {
          LOG.warn(
              "{}: the CRL of \"{}\" was due to be replaced on {}; it is still applied",
              files.crlFile(),
              crl.getIssuerX500Principal(),
              crl.getNextUpdate().toInstant());
        }
      }
    }
    String source = files.crlFile() == null ? null : files.crlFile().toString();
    return TrustMaterial.of(roots, identity, crls, source);
  }

  /**
   * A trusted root must carry a signature that verifies: its own (a root signs itself) or that of
   * another certificate of its file. One flipped bit anywhere in what it signs (its name, validity,
   * key) breaks that, so a damaged root is refused here, never trusted as another one.
   */
  private static void checkSigned(
      Path file, X509Certificate certificate, List<X509Certificate> inFile)
      throws TrustFileException {
    if (ChainVerifier.issuerAmong(certificate, inFile).isEmpty()) {
      throw new TrustFileException(
          file,
          Names.subject(certificate)
              + ": its signature does not verify with its own key or another of this file's"
              + " (the file is damaged, or holds a CA certificate without its root)");
    }
  }

  private static Credential readIdentity(TrustFiles files) throws TrustFileException {
    Path keyFile = files.privateKeyFile();
    Path chainFile = files.certificateChainFile();
    if (keyFile == null) {
      if (chainFile != null) {
        throw new TrustFileException(chainFile, "a certificate chain is given without its key");
      }
      return null;
    }
    char[] password =
        files.keyPasswordFile() == null ? null : PasswordFiles.read(files.keyPasswordFile());
    try {
      String name = keyFile.getFileName().toString().toLowerCase(Locale.ROOT);
      PrivateKey key;
      List<X509Certificate> chain;
      if (name.endsWith(".p12") || name.endsWith(".pfx")) {
        Credential stored = Pkcs12Files.read(keyFile, password);
        key = stored.privateKey();
        chain = chainFile == null ? stored.chain() : PemFiles.readCertificates(chainFile);
      } else {
        if (chainFile == null) {
          throw new TrustFileException(keyFile, "a private key is given without its certificate");
        }
        key = PemFiles.readPrivateKey(keyFile, password);
        chain = PemFiles.readCertificates(chainFile);
      }
      if (!KeyMatch.matches(key, chain.get(0).getPublicKey())) {
        throw new TrustFileException(
            keyFile,
            "the private key does not belong to the certificate "
                + Names.subject(chain.get(0))
                + (chainFile == null ? "" : " in " + chainFile));
      }
      return new Credential(chain, key);
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }
}
