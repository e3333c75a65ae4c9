package io.relayagent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {

  @Test
  void defaults_areTheLaunchersFile() throws IOException {
    Path file = Path.of(System.getProperty("user.dir")).resolve("../bin/jvm.options");
    assertThat(JvmOptions.defaults()).isEqualTo(JvmOptions.parse(Files.readString(file)));
    assertThat(JvmOptions.defaults()).contains("-XX:+UseSerialGC", "-Xmx256m");
  }

  @Test
  void parse_commentsAndBlankLines_areLeftOut() {
    assertThat(JvmOptions.parse("# heading\n\n-Xms8m  # small\r\n  -Xss512k -XX:+UseSerialGC\n"))
        .containsExactly("-Xms8m", "-Xss512k", "-XX:+UseSerialGC");
  }

  @Test
  void parse_quotedOption_isRefused() {
    assertThatThrownBy(() -> JvmOptions.parse("\"-Dpath=C:\\Program Files\"\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("procrun");
  }

  @Test
  void parse_semicolon_isRefused() {
    assertThatThrownBy(() -> JvmOptions.parse("-Da=b;c\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Da=b;c");
  }

  @Test
  void procrunArguments_oneJvmOptionsPerOption() {
    List<String> arguments = JvmOptions.procrunArguments();
    assertThat(arguments).hasSameSizeAs(JvmOptions.defaults());
    assertThat(arguments).allMatch(argument -> argument.startsWith("++JvmOptions=-"));
  }
}
