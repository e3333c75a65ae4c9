package io.relayagent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

  @Test
  void parse_catalog_readsEveryType() throws Exception {
    Map<String, Object> value =
        JsonReader.parseObject(
            "{\"version\": 3, \"files\": [{\"name\": \"a\\u00e9.bin\", \"size\": 12, \"ok\": true,"
                + " \"ratio\": -1.5e2, \"none\": null}], \"esc\": \"q\\\"\\\\\\n\"}",
            10_000);

    assertThat(value).containsOnlyKeys("version", "files", "esc");
    assertThat(value.get("version")).isEqualTo(3L);
    assertThat(value.get("esc")).isEqualTo("q\"\\\n");
    Map<?, ?> file = (Map<?, ?>) ((List<?>) value.get("files")).get(0);
    assertThat(file.get("name")).isEqualTo("a\u00e9.bin");
    assertThat(file.get("size")).isEqualTo(12L);
    assertThat(file.get("ok")).isEqualTo(true);
    assertThat(file.get("ratio")).isEqualTo(-150.0);
    assertThat(file.containsKey("none")).isTrue();
    assertThat(file.get("none")).isNull();
  }

  @Test
  void writeThenParse_roundTrips() throws Exception {
    Map<String, Object> original =
        Map.of("id", "x\u2028y", "n", 42L, "list", List.of(1L, "two", false));

    assertThat(JsonReader.parse(JsonWriter.write(original), 1000)).isEqualTo(original);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{\"a\":1,}",
        "[1,2",
        "{\"a\":1,\"a\":2}",
        "01",
        "1.",
        "\"unterminated",
        "\"bad \\x escape\"",
        "\"control \u0001\"",
        "tru",
        "{} {}",
        "{a:1}",
        "NaN"
      })
  void parse_malformed_isRefusedWithOffset(String text) {
    assertThatThrownBy(() -> JsonReader.parse(text, 1000))
        .isInstanceOf(JsonException.class)
        .hasMessageMatching("(?s).*(offset \\d+|exceeds).*");
  }

  @Test
  void parse_deepNesting_isRefused() {
    String deep = "[".repeat(1000) + "]".repeat(1000);

    assertThatThrownBy(() -> JsonReader.parse(deep, 10_000)).hasMessageContaining("nested deeper");
  }

  @Test
  void parse_overTheSizeLimit_isRefusedBeforeParsing() {
    assertThatThrownBy(() -> JsonReader.parse("[" + "1,".repeat(100) + "1]", 50))
        .hasMessageContaining("exceeds 50");
  }
}
