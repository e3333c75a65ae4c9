package io.relayagent.tests.lan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines that run a host's main class in a fresh JVM with this test's class path. */
public final class JavaHosts {
  private JavaHosts() {}

  /**
   * {@code java [quick-start options] -cp CLASSPATH mainClass args...}: for tests, where many hosts
   * share two cores and start-up time matters more than peak speed.
   */
  public static List<String> command(Class<?> mainClass, String... args) {
    return command(
        List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m", "-Xss512k"),
        mainClass,
        args);
  }

  /** The same with the JVM options {@code bin/relay-agent} runs the agent with: for benchmarks. */
  public static List<String> productionCommand(Class<?> mainClass, String... args) {
    return command(List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmx256m", "-Xss512k"), mainClass, args);
  }

  private static List<String> command(List<String> jvmOptions, Class<?> mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return command;
  }
}
