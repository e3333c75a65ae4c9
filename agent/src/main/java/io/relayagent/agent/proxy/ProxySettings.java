package io.relayagent.agent.proxy;

import io.relayagent.config.ProxyPolicy;
import io.relayagent.protocol.control.ControlProxySetting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that answers "which proxy does the agent use, and where does it come from": the
 * policy's {@code <proxy>} read live, and the local administrator's setting, kept in the state
 * directory ({@link LocalProxyFile}) so that it survives restarts. The setting is read once at
 * start and changed only through here ({@code relay-agent proxy set} and {@code clear}), so every
 * connection sees the same one; whether it applies is decided at each use ({@link
 * EffectiveProxy#of}), so a new policy that allows or forbids it takes effect at the next
 * connection, without a restart.
 *
 * <pre>{@code
 * ProxySettings proxies = ProxySettings.open(stateDir, () -> policySource.current().proxy());
 * connector.connect(sites, proxies.effective().proxy(), progress);
 * }</pre>
 */
public final class ProxySettings {

  private static final Logger log = LoggerFactory.getLogger(ProxySettings.class);

  /** {@code proxy set} while the policy in force does not allow a local setting. */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }

  private final LocalProxyFile file;
  private final Supplier<ProxyPolicy> policy;
  private volatile LocalProxy local;

  private ProxySettings(LocalProxyFile file, Supplier<ProxyPolicy> policy, LocalProxy local) {
    this.file = file;
    this.policy = policy;
    this.local = local;
  }

  /**
   * Reads the local setting, if any; a file that cannot be used is logged with its name and
   * ignored.
   *
   * @param policy the policy's {@code <proxy>} in force, read at each use
   */
  public static ProxySettings open(Path stateDirectory, Supplier<ProxyPolicy> policy) {
    LocalProxyFile file = new LocalProxyFile(stateDirectory);
    ProxySettings settings = new ProxySettings(file, policy, file.read());
    EffectiveProxy effective = settings.effective();
    if (effective.local() instanceof LocalProxy.Unusable) {
      log.warn("local proxy setting {}", effective.localState());
    } else if (effective.local() instanceof LocalProxy.Present) {
      log.info("local proxy setting in {}: {}", file.path(), effective.localState());
    }
    return settings;
  }

  /** The proxy the next connection uses, and where it comes from. */
  public EffectiveProxy effective() {
    return EffectiveProxy.of(policy.get(), local);
  }

  /**
   * Keeps {@code setting} as the local proxy setting, in force from the next connection.
   *
   * @throws IllegalArgumentException if a value breaks the rules of the policy's {@code <proxy>}
   * @throws RefusedException if the policy in force does not allow a local setting
   */
  public synchronized EffectiveProxy set(ControlProxySetting setting)
      throws IOException, RefusedException {
    ProxyPolicy proxy = ProxyRecords.toPolicy(setting);
    if (!policy.get().userOverrideAllowed()) {
      throw new RefusedException(
          "the policy in force does not allow a local proxy setting: its <proxy> has"
              + " allowUserOverride=\"false\" (the management server's administrator can allow it)");
    }
    file.write(proxy);
    local = new LocalProxy.Present(proxy);
    EffectiveProxy effective = effective();
    log.info("local proxy setting set in {}: {}", file.path(), ProxyRecords.toRecord(proxy));
    return effective;
  }

  /**
   * Removes the local proxy setting (always allowed: it only ever returns the agent to its policy's
   * proxy), including a file that could not be used.
   */
  public synchronized EffectiveProxy clear() throws IOException {
    file.delete();
    local = new LocalProxy.None();
    log.info("local proxy setting cleared; the policy's proxy applies");
    return effective();
  }
}
