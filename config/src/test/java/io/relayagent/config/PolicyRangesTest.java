package io.relayagent.config;

import static io.relayagent.config.PolicyFiles.problemsOf;
import static io.relayagent.config.PolicyFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every number of the policy, just below and just above its range, is reported where it is. */
class PolicyRangesTest {

  @TempDir Path dir;

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        // body (the value goes where %s is), line of the value, element: attribute, value, why
        Arguments.of("<asci intervalMinutes='%s'/>", 2, "asci: intervalMinutes", "0", "minimum, 1"),
        Arguments.of(
            "<asci intervalMinutes='%s'/>", 2, "asci: intervalMinutes", "10081", "maximum, 10080"),
        Arguments.of(
            "<relayServer tunnelPort='%s'/>", 2, "relayServer: tunnelPort", "-1", "minimum, 0"),
        Arguments.of(
            "<relayServer tunnelPort='%s'/>",
            2, "relayServer: tunnelPort", "65536", "maximum, 65535"),
        Arguments.of(
            "<relayServer maxConnections='%s'/>",
            2, "relayServer: maxConnections", "0", "minimum, 1"),
        Arguments.of(
            "<relayServer idleTimeoutSeconds='%s'/>",
            2, "relayServer: idleTimeoutSeconds", "9", "minimum, 10"),
        Arguments.of(
            "<relayServer idleTimeoutSeconds='%s'/>",
            2, "relayServer: idleTimeoutSeconds", "86401", "maximum, 86400"),
        Arguments.of(
            "<relayServer>\n<contentCache quotaMiB='%s'/>\n</relayServer>",
            3, "contentCache: quotaMiB", "1048577", "maximum, 1048576"),
        Arguments.of(
            "<relayServer>\n<plainProxy port='%s'/>\n</relayServer>",
            3, "plainProxy: port", "65536", "maximum, 65535"),
        Arguments.of(
            "<relayServer>\n<discoveryAnswers loadDelayMillis='%s'/>\n</relayServer>",
            3, "discoveryAnswers: loadDelayMillis", "2001", "maximum, 2000"),
        Arguments.of(
            "<relayServer>\n<discoveryAnswers loadDelayMillis='%s'/>\n</relayServer>",
            3, "discoveryAnswers: loadDelayMillis", "-1", "minimum, 0"),
        Arguments.of(
            "<relayServer>\n<discoveryAnswers busyCpuPercent='%s'/>\n</relayServer>",
            3, "discoveryAnswers: busyCpuPercent", "0", "minimum, 1"),
        Arguments.of(
            "<relayServer>\n<discoveryAnswers busyCpuPercent='%s'/>\n</relayServer>",
            3, "discoveryAnswers: busyCpuPercent", "101", "maximum, 100"),
        Arguments.of(
            "<relayClient discoveryPort='%s'/>",
            2, "relayClient: discoveryPort", "0", "minimum, 1"),
        Arguments.of(
            "<relayClient collectWindowMillis='%s'/>",
            2, "relayClient: collectWindowMillis", "-1", "minimum, 0"),
        Arguments.of(
            "<relayClient collectWindowMillis='%s'/>",
            2, "relayClient: collectWindowMillis", "10001", "maximum, 10000"),
        Arguments.of(
            "<relayClient cachedRelays='%s'/>", 2, "relayClient: cachedRelays", "0", "minimum, 1"),
        Arguments.of(
            "<relayClient cacheExpiryAscis='%s'/>",
            2, "relayClient: cacheExpiryAscis", "1001", "maximum, 1000"),
        Arguments.of(
            "<relayClient>\n<staticRelay host='edge' port='%s'/>\n</relayClient>",
            3, "staticRelay: port", "0", "minimum, 1"),
        Arguments.of(
            "<proxy mode='manual' host='p' port='%s'/>",
            2, "proxy: port", "65536", "maximum, 65535"),
        Arguments.of(
            "<eventQueue maxEvents='%s'/>",
            2, "eventQueue: maxEvents", "10000001", "maximum, 10000000"),
        Arguments.of(
            "<eventQueue maxMiB='%s'/>", 2, "eventQueue: maxMiB", "65537", "maximum, 65536"),
        Arguments.of(
            "<eventQueue batchSize='%s'/>", 2, "eventQueue: batchSize", "10001", "maximum, 10000"),
        Arguments.of(
            "<eventQueue batchSize='%s'/>",
            2, "eventQueue: batchSize", "1e3", "not a valid whole number"));
  }

  @ParameterizedTest(name = "{2}=\"{3}\"")
  @MethodSource("outOfRange")
  void read_valueOutOfRange_reportsItsLineAndRange(
      String body, int line, String where, String value, String why) {
    Path file = write(dir, "range.xml", String.format(body, value));

    assertThat(problemsOf(file))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(line);
              assertThat(problem.column()).isPositive();
              assertThat(problem.message()).startsWith(where + ": '" + value + "' ").contains(why);
            });
  }

  /** The other side of each boundary, so that a range drawn too narrow fails too. */
  @ParameterizedTest(name = "{2} next to \"{3}\"")
  @MethodSource("outOfRange")
  void read_valueOneStepInsideTheRange_isAccepted(
      String body, int line, String where, String value, String why) throws Exception {
    if (why.startsWith("not a")) {
      return;
    }
    long inside = Long.parseLong(value) + (why.startsWith("minimum") ? 1 : -1);
    Path file = write(dir, "inside.xml", String.format(body, inside));

    assertThat(PolicyReader.read(file)).isNotNull();
  }
}
