package io.relayagent.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options every relay-agent process runs with: the repository's {@code bin/jvm.options},
 * which the launchers hand to java as an argument file and which the build copies into this jar for
 * the Windows service (procrun starts the JVM itself and reads no argument file).
 */
public final class JvmOptions {
  static final String RESOURCE = "jvm.options";

  private JvmOptions() {}

  /** The options of {@code bin/jvm.options}, in order. */
  public static List<String> defaults() {
    try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing from the jar: build it with ./mvnw package");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the jar", e);
    }
  }

  /**
   * An argument file's options as java reads this one: '#' to the end of the line is a comment,
   * options are separated by white space. Quotes are refused: none of our options needs them, and
   * procrun, which splits {@code ++JvmOptions} at ';' and '#', could not carry them.
   */
  static List<String> parse(String text) {
    List<String> options = new ArrayList<>();
    for (String line : text.split("\\R")) {
      int comment = line.indexOf('#');
      String content = comment < 0 ? line : line.substring(0, comment);
      for (String option : content.trim().split("\\s+")) {
        if (option.isEmpty()) {
          continue;
        }
        if (option.contains("\"") || option.contains("'") || option.contains(";")) {
          throw new IllegalArgumentException(
              RESOURCE + ": an option with quotes or ';' cannot be given to procrun: " + option);
        }
        options.add(option);
      }
    }
    return List.copyOf(options);
  }

  /** procrun's form: {@code ++JvmOptions=} once per option. */
  static List<String> procrunArguments() {
    return defaults().stream().map(option -> "++JvmOptions=" + option).toList();
  }
}
