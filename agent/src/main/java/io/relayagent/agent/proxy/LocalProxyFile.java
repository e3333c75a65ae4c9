package io.relayagent.agent.proxy;

import io.relayagent.config.ProxyPolicy;
import io.relayagent.files.AtomicFile;
import io.relayagent.files.DirectorySync;
import io.relayagent.files.FileAccess;
import io.relayagent.protocol.control.ControlProxySetting;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the local proxy setting is kept: {@code STATE_DIR/local-proxy.json}, a {@link
 * ControlProxySetting} in JSON, owner-only like the agent's other state, replaced whole ({@link
 * AtomicFile}), so that a crash leaves the old setting or the new one. Whatever is in it is checked
 * as a hostile input: a file too large, not JSON, or with a value the policy's rules refuse is
 * {@link LocalProxy.Unusable}, never partly used.
 */
public final class LocalProxyFile {
  /** The file's name in the state directory. */
  public static final String NAME = "local-proxy.json";

  /** Far more than a setting with every bypass entry it may have. */
  static final int MAX_BYTES = 128 * 1024;

  private final Path file;

  public LocalProxyFile(Path stateDirectory) {
    this.file = stateDirectory.resolve(NAME);
  }

  public Path path() {
    return file;
  }

  /** The setting in the file, or none if there is no file, or why the file cannot be used. */
  public LocalProxy read() {
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return new LocalProxy.None();
    } catch (IOException e) {
      return new LocalProxy.Unusable(file, "cannot be read: " + e);
    }
    if (content.length > MAX_BYTES) {
      return new LocalProxy.Unusable(file, "larger than " + MAX_BYTES + " bytes");
    }
    try {
      ControlProxySetting setting =
          ProtocolJson.read(content, MAX_BYTES, ControlProxySetting.class);
      return new LocalProxy.Present(ProxyRecords.toPolicy(setting));
    } catch (MalformedJsonException e) {
      return new LocalProxy.Unusable(file, "not a proxy setting: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return new LocalProxy.Unusable(file, e.getMessage());
    }
  }

  /** Keeps {@code proxy} (a local setting, checked already), replacing the file whole. */
  public void write(ProxyPolicy proxy) throws IOException {
    AtomicFile.replace(file, ProtocolJson.write(ProxyRecords.toRecord(proxy)), FileAccess.PRIVATE);
  }

  /** Removes the file, durably; nothing to do if there is none. */
  public void delete() throws IOException {
    if (Files.deleteIfExists(file)) {
      DirectorySync.force(file.toAbsolutePath().getParent());
    }
  }
}
