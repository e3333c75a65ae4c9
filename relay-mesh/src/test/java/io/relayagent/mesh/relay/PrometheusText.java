package io.relayagent.mesh.relay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a page in the Prometheus text exposition format (version 0.0.4) as a scraper does: every
 * sample line is {@code name[{labels}] value [timestamp]}; {@code # HELP} and {@code # TYPE} lines
 * must name a metric; anything else fails the test.
 */
final class PrometheusText {

  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})?"
              + " (\\S+)(?: -?[0-9]+)?");
  private static final Pattern COMMENT =
      Pattern.compile(
          "# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]*"
              + " (counter|gauge|histogram|summary|untyped))");

  private PrometheusText() {}

  /** Each sample, {@code name{labels}} to its value. */
  static Map<String, Double> parse(String page) {
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : page.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        if (!COMMENT.matcher(line).matches()) {
          throw new IllegalArgumentException("not a Prometheus comment line: " + line);
        }
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new IllegalArgumentException("not a Prometheus sample line: " + line);
      }
      String labels = sample.group(2) == null ? "" : sample.group(2).replace(",}", "}");
      samples.put(sample.group(1) + labels, Double.parseDouble(sample.group(3)));
    }
    return samples;
  }
}
