package io.relayagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.relayagent.xml.XmlFileException;
import io.relayagent.xml.XmlProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes policy files for tests and reads their problems. */
final class PolicyFiles {
  static final String OPEN = "<policy xmlns=\"urn:relay-agent:policy:1\">";
  static final String CLOSE = "</policy>";

  private PolicyFiles() {}

  /** A policy file whose root spans the first and last line, with {@code body} between. */
  static Path write(Path dir, String name, String body) {
    return writeRaw(dir, name, OPEN + "\n" + body + (body.endsWith("\n") ? "" : "\n") + CLOSE);
  }

  static Path writeRaw(Path dir, String name, String content) {
    try {
      return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The problems of reading {@code file}; fails the test if the file reads without any. */
  static List<XmlProblem> problemsOf(Path file) {
    XmlFileException e =
        catchThrowableOfType(XmlFileException.class, () -> PolicyReader.read(file));
    assertThat(e).as("reading %s must fail", file).isNotNull();
    return e.problems();
  }
}
