package io.relayagent.agent.proxy;

import io.relayagent.config.ProxyPolicy;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The local administrator's proxy setting as the agent holds it: none, one, or a file that cannot
 * be used (damaged, unreadable), which is ignored whole, never half-applied.
 */
public sealed interface LocalProxy {

  /** No local setting: the policy's proxy applies. */
  record None() implements LocalProxy {}

  /**
   * A valid local setting.
   *
   * @param proxy checked by the rules of the policy's {@code <proxy>} ({@link ProxyPolicy#local})
   */
  record Present(ProxyPolicy proxy) implements LocalProxy {
    public Present {
      Objects.requireNonNull(proxy, "proxy");
    }
  }

  /**
   * A setting file that cannot be used; the policy's proxy applies until it is replaced ({@code
   * relay-agent proxy set}) or removed ({@code relay-agent proxy clear}).
   *
   * @param reason what is wrong with it, for the log and {@code relay-agent status}
   */
  record Unusable(Path file, String reason) implements LocalProxy {
    public Unusable {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
