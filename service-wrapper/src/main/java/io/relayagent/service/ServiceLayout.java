package io.relayagent.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a service installation puts things, with the operating system and paths injected so that
 * the Windows files can be made (and tested) on Linux.
 *
 * @param windows whether the target is Windows
 * @param installRoot the distribution's root: {@code bin/relay-agent}, {@code lib/relay-agent.jar}
 * @param javaHome the Java runtime the service runs on (the bundled one on Windows); empty when the
 *     service finds {@code java} on the PATH, as a package that depends on a Java runtime does
 * @param user the service account (Linux)
 * @param policy the policy file (the agent rewrites it when the server sends a new one)
 * @param siteList the SiteList.xml (rewritten like the policy)
 * @param stateDirectory the agent's state directory
 */
public record ServiceLayout(
    boolean windows,
    String installRoot,
    String javaHome,
    String user,
    String policy,
    String siteList,
    String stateDirectory) {

  public static final String SERVICE_NAME = "relay-agent";
  public static final String WINDOWS_SERVICE_NAME = "RelayAgent";
  public static final String DEFAULT_USER = "relay-agent";
  public static final String WINDOWS_DATA = "%ProgramData%\\relay-agent";

  /** The defaults for Linux: configuration in /etc/relay-agent, state in /var/lib/relay-agent. */
  public static ServiceLayout linux(String installRoot, String javaHome) {
    return new ServiceLayout(
        false,
        installRoot,
        javaHome,
        DEFAULT_USER,
        "/etc/relay-agent/policy.xml",
        "/etc/relay-agent/SiteList.xml",
        "/var/lib/relay-agent");
  }

  /** The defaults for Windows: everything the agent writes under %ProgramData%\relay-agent. */
  public static ServiceLayout windows(String installRoot, String javaHome) {
    return windows(installRoot, javaHome, "%ProgramData%");
  }

  /**
   * The defaults for Windows with {@code %ProgramData%} spelt out ({@code C:\ProgramData}): the
   * paths a service install runs with, where no cmd.exe expands variables.
   */
  public static ServiceLayout windows(String installRoot, String javaHome, String programData) {
    String data = programData + "\\relay-agent";
    return new ServiceLayout(
        true,
        installRoot,
        javaHome,
        DEFAULT_USER,
        data + "\\policy.xml",
        data + "\\SiteList.xml",
        data + "\\state");
  }

  /**
   * This Windows machine's {@code %ProgramData%}; elsewhere the variable itself, which cmd.exe
   * expands when an administrator pastes a printed command.
   */
  public static String windowsProgramData() {
    String value = isWindows() ? System.getenv("ProgramData") : null;
    return value == null || value.isBlank() ? "%ProgramData%" : value;
  }

  static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  /** The layout for the machine this runs on: its OS, this jar's distribution, this JVM. */
  public static ServiceLayout forThisMachine() {
    String javaHome = System.getProperty("java.home");
    String root = distributionRoot().toString();
    return isWindows() ? windows(root, javaHome, windowsProgramData()) : linux(root, javaHome);
  }

  /**
   * The distribution root of the running jar: {@code <root>/lib/relay-agent.jar} or, in a build
   * tree, {@code <root>/app/target/relay-agent.jar}; the working directory otherwise.
   */
  static Path distributionRoot() {
    try {
      Path jar =
          Paths.get(
              ServiceLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return distributionRoot(jar).orElse(Paths.get("").toAbsolutePath());
    } catch (Exception e) {
      // no code source (tests, unusual class loaders)
      return Paths.get("").toAbsolutePath();
    }
  }

  /**
   * The nearest directory above {@code jar} with a launcher in {@code bin}: {@code bin/relay-agent}
   * (Linux, the .deb) or {@code bin\relay-agent.cmd} (the Windows zip).
   */
  static Optional<Path> distributionRoot(Path jar) {
    for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
      Path bin = dir.resolve("bin");
      if (Files.isRegularFile(bin.resolve("relay-agent"))
          || Files.isRegularFile(bin.resolve("relay-agent.cmd"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The directories the agent writes: the policy's, the SiteList's, the state directory. */
  public Set<String> directories() {
    return new LinkedHashSet<>(List.of(parentOf(policy), parentOf(siteList), stateDirectory));
  }

  /** Whether the service is given a Java runtime, rather than the one on the PATH. */
  public boolean hasJavaHome() {
    return javaHome != null && !javaHome.isEmpty();
  }

  public ServiceLayout withUser(String newUser) {
    return new ServiceLayout(
        windows, installRoot, javaHome, newUser, policy, siteList, stateDirectory);
  }

  public ServiceLayout withFiles(String newPolicy, String newSiteList, String newState) {
    return new ServiceLayout(
        windows,
        installRoot,
        javaHome,
        user,
        newPolicy == null ? policy : newPolicy,
        newSiteList == null ? siteList : newSiteList,
        newState == null ? stateDirectory : newState);
  }

  String separator() {
    return windows ? "\\" : "/";
  }

  String launcher() {
    return installRoot + separator() + "bin" + separator() + "relay-agent";
  }

  String jar() {
    return installRoot + separator() + "lib" + separator() + "relay-agent.jar";
  }

  /** The directory a file is in, in the target's syntax. */
  String parentOf(String file) {
    int at = file.lastIndexOf(separator());
    return at <= 0 ? file : file.substring(0, at);
  }
}
