package io.relayagent.tests.lan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines that run a host's main class in a fresh JVM with this test's class path. */
public final class JavaHosts {
  private JavaHosts() {}

  /** {@code java [small-footprint options] -cp CLASSPATH mainClass args...}. */
  public static List<String> command(Class<?> mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Many hosts share two cores: start fast and stay small.
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m", "-Xss512k"));
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return command;
  }
}
