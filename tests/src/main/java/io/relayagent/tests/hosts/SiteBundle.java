package io.relayagent.tests.hosts;

import io.relayagent.tests.lan.Command;
import io.relayagent.tests.lan.JavaHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A site's install bundle made with the shipped {@code relay-agent server bundle}, and its files
 * put into a host's state directory where the bundle's {@code install.sh} puts them relative to
 * {@code /var/lib/relay-agent} and {@code /etc/relay-agent} (docs/deployment.md): {@code
 * trust/ca.pem}, {@code trust/enrollment-token} (owner-only), and the policy and SiteList beside
 * them, named as {@link HostFiles#runArguments} expects.
 *
 * <pre>{@code
 * SiteBundle bundle = SiteBundle.write(serverDir, caDir, token, dir.resolve("bundle"));
 * Path state = bundle.installInto(dir.resolve("agent-1"));
 * }</pre>
 */
public final class SiteBundle {

  /** The system property that names the directory of the packages; the tests' pom sets it. */
  public static final String PACKAGES_PROPERTY = "relayagent.packages";

  private static final Path PACKAGES_IN_BUILD_TREE = Path.of("packaging", "target");

  private final Path directory;

  private SiteBundle(Path directory) {
    this.directory = directory;
  }

  /**
   * {@code relay-agent server bundle --dir SERVER --ca-dir CA --token TOKEN --out OUT --packages
   * DIR}, with the packages the build made.
   */
  public static SiteBundle write(Path serverDir, Path caDir, String token, Path out) {
    Command.run(
        JavaHosts.relayAgent(
            "server",
            "bundle",
            "--dir",
            serverDir.toString(),
            "--ca-dir",
            caDir.toString(),
            "--token",
            token,
            "--out",
            out.toString(),
            "--packages",
            packages().toString()));
    return new SiteBundle(out);
  }

  /** Installs the bundle's files into a new state directory; returns it. */
  public Path installInto(Path state) throws IOException {
    Path trust = Files.createDirectories(state.resolve("trust"));
    copy(directory.resolve("ca.pem"), trust.resolve("ca.pem"));
    Path token = trust.resolve("enrollment-token");
    copy(directory.resolve("enrollment-token"), token);
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    copy(directory.resolve("policy.xml"), state.resolve(HostFiles.POLICY));
    copy(directory.resolve("SiteList.xml"), state.resolve(HostFiles.SITE_LIST));
    return state;
  }

  /**
   * Where the .deb and the Windows zip are: the {@value #PACKAGES_PROPERTY} property, else {@code
   * packaging/target} in the working directory or the nearest directory above it.
   */
  public static Path packages() {
    String property = System.getProperty(PACKAGES_PROPERTY);
    if (property != null) {
      return Path.of(property);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(PACKAGES_IN_BUILD_TREE))) {
        return dir.resolve(PACKAGES_IN_BUILD_TREE);
      }
    }
    throw new IllegalStateException(
        PACKAGES_IN_BUILD_TREE
            + " not found above "
            + Path.of("").toAbsolutePath()
            + "; build the packages first (./mvnw -pl packaging -am package)");
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
  }
}
