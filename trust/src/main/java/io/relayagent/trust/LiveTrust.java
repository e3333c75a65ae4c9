package io.relayagent.trust;

import io.relayagent.files.FileVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host's trust material that follows its files: a CRL or trust bundle replaced on disk (by an
 * administrator, or by the agent when the server sends new ones), a certificate renewed or newly
 * enrolled. TLS contexts, verifiers and offer signers built on it (see {@link TlsContexts}) read
 * {@link #current()} at each use, so the change applies to the next handshake without a restart.
 *
 * <p>Files that cannot be read, or that do not fit together (a key that is not the certificate's, a
 * CRL signed by no trusted CA), leave the last good material in force, with a warning naming the
 * file: a half-written or broken file never takes trust away from a running host.
 */
public final class LiveTrust implements TrustSource {
  private static final Logger log = LoggerFactory.getLogger(LiveTrust.class);

  private final List<Consumer<TrustMaterial>> listeners = new CopyOnWriteArrayList<>();
  private volatile TrustMaterial material;
  private TrustFiles files;
  private Map<Path, FileVersion> versions;
  private String lastProblem;

  private LiveTrust(TrustFiles files, TrustMaterial material, Map<Path, FileVersion> versions) {
    this.files = files;
    this.material = material;
    this.versions = versions;
  }

  /** Reads {@code files}, with an error naming the file at fault. */
  public static LiveTrust load(TrustFiles files) throws TrustFileException {
    Map<Path, FileVersion> versions = versionsOf(files);
    return new LiveTrust(files, TrustMaterial.load(files), versions);
  }

  @Override
  public TrustMaterial current() {
    return material;
  }

  /** The files the material is read from. */
  public synchronized TrustFiles files() {
    return files;
  }

  /** Called with the new material after each change, on the thread that made it. */
  public void addListener(Consumer<TrustMaterial> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Reads another set of files (an agent that has just enrolled names its new certificate and key)
   * and puts them in force.
   *
   * @throws TrustFileException naming the file at fault; the current material stays in force
   */
  public void replace(TrustFiles newFiles) throws TrustFileException {
    TrustMaterial loaded;
    synchronized (this) {
      Map<Path, FileVersion> newVersions = versionsOf(newFiles);
      loaded = TrustMaterial.load(newFiles);
      files = newFiles;
      versions = newVersions;
      material = loaded;
      lastProblem = null;
    }
    notifyListeners(loaded);
  }

  /**
   * Reads the files again if any of them changed since they were last read.
   *
   * @return whether new material is in force
   */
  public boolean reloadIfChanged() {
    TrustMaterial loaded;
    synchronized (this) {
      Map<Path, FileVersion> now = versionsOf(files);
      if (now.equals(versions)) {
        return false;
      }
      try {
        loaded = TrustMaterial.load(files);
      } catch (TrustFileException e) {
        if (!e.getMessage().equals(lastProblem)) {
          log.warn(
              "trust files changed but cannot be used; keeping the previous ones: {}",
              e.getMessage());
          lastProblem = e.getMessage();
        }
        return false;
      }
      versions = now;
      material = loaded;
      lastProblem = null;
    }
    log.info("trust files changed; new certificates and CRLs are in force for new connections");
    notifyListeners(loaded);
    return true;
  }

  private void notifyListeners(TrustMaterial loaded) {
    for (Consumer<TrustMaterial> listener : listeners) {
      try {
        listener.accept(loaded);
      } catch (RuntimeException e) {
        log.error("a trust change listener failed", e);
      }
    }
  }

  /** What each file looks like now; a missing file has no version. */
  private static Map<Path, FileVersion> versionsOf(TrustFiles files) {
    List<Path> paths = new ArrayList<>(files.caFiles());
    paths.add(files.certificateChainFile());
    paths.add(files.privateKeyFile());
    paths.add(files.keyPasswordFile());
    paths.add(files.crlFile());
    Map<Path, FileVersion> versions = new HashMap<>();
    for (Path path : paths) {
      if (path != null) {
        try {
          versions.put(path, FileVersion.of(path));
        } catch (IOException e) {
          versions.put(path, null);
        }
      }
    }
    return versions;
  }
}
