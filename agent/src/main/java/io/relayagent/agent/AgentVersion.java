package io.relayagent.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this build, as Maven wrote it into the agent's jar. Whoever starts an {@link
 * Agent} reads it here and passes it in with {@link Agent.Options}; {@code relay-agent --version}
 * prints it too.
 */
public final class AgentVersion {

  private AgentVersion() {}

  /** This build's version, or {@code unknown} when the resource is missing (an IDE build). */
  public static String current() {
    try (InputStream in = AgentVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
