package io.relayagent.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the agent authenticates to its proxy. The password itself is never in the policy (which is
 * copied to every endpoint and shown by {@code policy show}); only the file that holds it.
 *
 * @param passwordFile a file readable only by the agent, holding the password as its first line
 */
public record ProxyCredentials(String user, Path passwordFile) {

  public ProxyCredentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(passwordFile, "passwordFile");
    if (user.isBlank()) {
      throw new IllegalArgumentException("the proxy user name is empty");
    }
  }
}
