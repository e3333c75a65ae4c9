package io.relayagent.packaging;

import java.nio.file.Files;
import java.nio.file.Path;

/** The files this module's build made, as the POM passes them to the tests. */
final class Packages {

  /** The Debian package's name (dpkg's, not the file's). */
  static final String DEB_NAME = "relay-agent";

  /** Where the .deb puts the distribution (bin/relay-agent, lib/relay-agent.jar). */
  static final String DEB_ROOT = "/usr/lib/relay-agent";

  private Packages() {}

  static String version() {
    return property("relayagent.version");
  }

  static Path deb() {
    return file("relayagent.deb");
  }

  static Path windowsZip() {
    return file("relayagent.zip");
  }

  static Path appJar() {
    return file("relayagent.jar");
  }

  /** The repository's bin/ directory: relay-agent and relay-agent.cmd. */
  static Path launchers() {
    return Path.of(property("relayagent.launchers"));
  }

  private static Path file(String property) {
    Path path = Path.of(property(property));
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          path + " is missing: build it with ./mvnw package -pl packaging -am");
    }
    return path;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("system property " + name + " is not set (see pom.xml)");
    }
    return value;
  }
}
