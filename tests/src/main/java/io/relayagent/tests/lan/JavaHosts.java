package io.relayagent.tests.lan;

import io.relayagent.service.JvmOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines that run the shipped {@code relay-agent} jar, or a benchmark's main class, in a
 * fresh JVM: with options for tests, where many hosts share two cores and start-up time matters
 * more than peak speed, or with the options {@code bin/relay-agent} runs the agent with, for
 * benchmarks.
 */
public final class JavaHosts {

  /** The system property that names the shipped jar; the tests' pom sets it. */
  public static final String JAR_PROPERTY = "relayagent.jar";

  private static final List<String> TEST_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m", "-Xss512k");

  /** bin/jvm.options, as the jar carries it (service-wrapper's one reader of that file). */
  private static final List<String> PRODUCTION_OPTIONS = JvmOptions.defaults();

  private static final Path JAR_IN_BUILD_TREE = Path.of("app", "target", "relay-agent.jar");

  private JavaHosts() {}

  /** {@code java [test options] -jar relay-agent.jar args...}. */
  public static List<String> relayAgent(String... args) {
    return jar(TEST_OPTIONS, args);
  }

  /** {@code java [the options of bin/relay-agent] -jar relay-agent.jar args...}. */
  public static List<String> productionRelayAgent(String... args) {
    return jar(PRODUCTION_OPTIONS, args);
  }

  /**
   * {@code java [the options of bin/relay-agent] [moreOptions] -jar relay-agent.jar args...}: a
   * benchmark's variant of the launcher's options (a later option wins).
   */
  public static List<String> productionRelayAgent(List<String> moreOptions, String... args) {
    List<String> options = new ArrayList<>(PRODUCTION_OPTIONS);
    options.addAll(moreOptions);
    return jar(options, args);
  }

  /**
   * {@code java [the options of bin/relay-agent] -cp CLASSPATH mainClass args...}: a measuring host
   * of the benchmarks, started with this JVM's class path.
   */
  public static List<String> productionCommand(Class<?> mainClass, String... args) {
    return classPath(PRODUCTION_OPTIONS, mainClass, args);
  }

  /**
   * {@code java [test options] -cp CLASSPATH mainClass args...}: a helper process of a system test
   * (a wire witness), started with this JVM's class path.
   */
  public static List<String> testCommand(Class<?> mainClass, String... args) {
    return classPath(TEST_OPTIONS, mainClass, args);
  }

  /**
   * The runnable jar the {@code app} module builds: the {@value #JAR_PROPERTY} property, else
   * {@code app/target/relay-agent.jar} in the working directory or the nearest directory above it.
   *
   * @throws IllegalStateException if it is not there: it is made by the {@code package} phase
   */
  public static Path relayAgentJar() {
    String property = System.getProperty(JAR_PROPERTY);
    if (property != null) {
      return requireFile(Path.of(property));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(JAR_IN_BUILD_TREE))) {
        return dir.resolve(JAR_IN_BUILD_TREE);
      }
    }
    throw new IllegalStateException(
        JAR_IN_BUILD_TREE
            + " not found above "
            + Path.of("").toAbsolutePath()
            + "; build it first");
  }

  private static Path requireFile(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " does not exist; it is built by the app module's package phase"
              + " (./mvnw -pl app -am package)");
    }
    return jar;
  }

  private static List<String> jar(List<String> jvmOptions, String... args) {
    List<String> command = java(jvmOptions);
    command.add("-jar");
    command.add(relayAgentJar().toString());
    command.addAll(List.of(args));
    return command;
  }

  private static List<String> classPath(
      List<String> jvmOptions, Class<?> mainClass, String... args) {
    List<String> command = java(jvmOptions);
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return command;
  }

  private static List<String> java(List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    return command;
  }
}
