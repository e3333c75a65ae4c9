package io.relayagent.agent.identity;

import io.relayagent.files.DirectorySync;
import io.relayagent.trust.PemFiles;
import io.relayagent.trust.TrustFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the host's key and certificate so that a crash at any moment leaves a pair that belongs
 * together: both new files are written whole beside the current ones first (key, then certificate),
 * then renamed over them (key, then certificate). {@link #recover} finishes or discards what a
 * crash interrupted, before the files are read at start.
 */
final class IdentityWriter {
  private static final Logger log = LoggerFactory.getLogger(IdentityWriter.class);

  private IdentityWriter() {}

  /** Puts {@code key} and {@code chain} in place of the current pair. */
  static void replace(IdentityFiles files, PrivateKey key, List<X509Certificate> chain)
      throws IOException {
    try {
      PemFiles.writePrivateKey(files.nextPrivateKey(), key, true);
      PemFiles.writeCertificates(files.nextCertificateChain(), chain, true);
    } catch (TrustFileException e) {
      throw new IOException(e.getMessage(), e);
    }
    promote(files);
  }

  /**
   * Completes a replacement a crash interrupted: both next files written means the pair was whole,
   * so it is put in place; a next certificate alone means the key was already moved, so the
   * certificate follows; a next key alone was never completed, so it is discarded.
   */
  static void recover(IdentityFiles files) throws IOException {
    if (!files.renewable()) {
      return;
    }
    boolean nextKey = Files.exists(files.nextPrivateKey());
    boolean nextChain = Files.exists(files.nextCertificateChain());
    if (nextKey && nextChain) {
      log.warn("completing a certificate renewal that was interrupted: {}", files.privateKey());
      promote(files);
    } else if (nextChain) {
      log.warn(
          "completing a certificate renewal that was interrupted: {}", files.certificateChain());
      move(files.nextCertificateChain(), files.certificateChain());
    } else if (nextKey) {
      log.warn("discarding the key of a renewal that never got its certificate");
      Files.delete(files.nextPrivateKey());
    }
  }

  private static void promote(IdentityFiles files) throws IOException {
    move(files.nextPrivateKey(), files.privateKey());
    move(files.nextCertificateChain(), files.certificateChain());
  }

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    DirectorySync.force(to.toAbsolutePath().getParent());
  }
}
