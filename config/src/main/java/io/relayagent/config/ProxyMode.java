package io.relayagent.config;

import java.util.Locale;

/** How the agent reaches its server directly, as in the OfficeScan agent's proxy settings. */
public enum ProxyMode {
  /** Connect straight to the server. */
  NONE,
  /** Use the operating system's proxy settings (on Windows, those of the system's WinHTTP). */
  SYSTEM,
  /** Use the proxy the policy names. */
  MANUAL;

  /** The attribute value in the policy file: {@code none}, {@code system} or {@code manual}. */
  public String xmlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for anything else than the three names
   */
  public static ProxyMode fromXmlName(String name) {
    for (ProxyMode mode : values()) {
      if (mode.xmlName().equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a proxy mode (none, system, manual)");
  }
}
