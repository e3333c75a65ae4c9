package io.relayagent.agent.proxy;

import io.relayagent.config.ProxyPolicy;
import java.util.Objects;

/**
 * The proxy the agent's next connection to its servers uses, and where it comes from: the local
 * administrator's setting while the policy in force allows it ({@code allowUserOverride="true"}),
 * the policy's {@code <proxy>} otherwise. A local setting the policy does not allow is kept, not
 * applied; it applies again as soon as a policy allows it.
 *
 * @param proxy the proxy in force
 * @param overrideAllowed whether the policy in force allows a local setting
 * @param local the local setting, whether in force or not
 */
public record EffectiveProxy(
    ProxyPolicy proxy, Source source, boolean overrideAllowed, LocalProxy local) {

  /** Where the proxy in force comes from. */
  public enum Source {
    /** The policy's {@code <proxy>}. */
    POLICY,
    /** The local administrator's setting ({@code relay-agent proxy set}). */
    LOCAL;

    /** {@code policy} or {@code local}, as {@code relay-agent status} shows it. */
    public String text() {
      return this == POLICY ? "policy" : "local";
    }
  }

  /** What {@code status} says of a local setting the policy does not allow. */
  public static final String NOT_ALLOWED =
      "present, not applied: the policy does not allow it (allowUserOverride=\"false\")";

  public EffectiveProxy {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(local, "local");
  }

  /** The rule: the local setting while the policy allows it, else the policy's proxy. */
  public static EffectiveProxy of(ProxyPolicy policy, LocalProxy local) {
    boolean allowed = policy.userOverrideAllowed();
    if (allowed && local instanceof LocalProxy.Present present) {
      return new EffectiveProxy(present.proxy(), Source.LOCAL, true, local);
    }
    return new EffectiveProxy(policy, Source.POLICY, allowed, local);
  }

  /**
   * The local setting's state: {@code none}, {@code applied}, {@link #NOT_ALLOWED}, or why its file
   * is ignored.
   */
  public String localState() {
    if (local instanceof LocalProxy.Unusable unusable) {
      return "ignored (the policy's proxy is used): " + unusable.file() + ": " + unusable.reason();
    }
    if (local instanceof LocalProxy.Present) {
      return source == Source.LOCAL ? "applied" : NOT_ALLOWED;
    }
    return "none";
  }
}
