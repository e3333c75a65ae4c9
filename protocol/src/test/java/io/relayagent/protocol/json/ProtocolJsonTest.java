package io.relayagent.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.repo.Catalog;
import io.relayagent.protocol.repo.CatalogEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict limits every JSON reader of the project keeps (what the hand-made reader proved). */
class ProtocolJsonTest {

  private static final String SHA = "ab".repeat(32);

  @Test
  void readValue_readsEveryType() throws MalformedJsonException {
    Object value =
        ProtocolJson.readValue(
            "{\"version\": 3, \"files\": [{\"name\": \"a\\u00e9.bin\", \"size\": 12, \"ok\": true,"
                + " \"ratio\": -1.5e2, \"none\": null}], \"esc\": \"q\\\"\\\\\\n\"}",
            10_000);

    Map<?, ?> map = (Map<?, ?>) value;
    assertThat(map.keySet().stream().map(String::valueOf).toList())
        .containsExactly("version", "files", "esc");
    assertThat(((Number) map.get("version")).longValue()).isEqualTo(3L);
    assertThat(map.get("esc")).isEqualTo("q\"\\\n");
    Map<?, ?> file = (Map<?, ?>) ((List<?>) map.get("files")).get(0);
    assertThat(file.get("name")).isEqualTo("a\u00e9.bin");
    assertThat(((Number) file.get("size")).longValue()).isEqualTo(12L);
    assertThat(file.get("ok")).isEqualTo(true);
    assertThat(file.get("ratio")).isEqualTo(-150.0);
    assertThat(file.containsKey("none")).isTrue();
    assertThat(file.get("none")).isNull();
  }

  @Test
  void writeThenRead_roundTrips() throws MalformedJsonException {
    Map<String, Object> original = new LinkedHashMap<>();
    original.put("id", "x\u2028y\"\\\n\u0001");
    original.put("n", 42);
    original.put("list", Arrays.asList(1, "two", false, null));

    String json = ProtocolJson.writeString(original);

    assertThat(ProtocolJson.readValue(json, 1000)).isEqualTo(original);
    assertThat(json).startsWith("{\"id\":");
  }

  /**
   * Found by {@code ProtocolJsonFuzzTest} (seed {@code hostile-lone-surrogate}): a string read from
   * a {@code \}{@code ud800} escape was written as {@code ?}, so what the server stored was not
   * what it accepted.
   */
  @Test
  void write_unpairedSurrogateReadFromAnEscape_isWrittenBackAsTheEscape()
      throws MalformedJsonException {
    String sent =
        "{\"host\":\"edge\\ud800\",\"port\":8083,\"data\":[\"\\udfff\",\"\\ud83d\\ude00\"]}";
    record Body(String host, Integer port, RawJson data) {}

    Body read = ProtocolJson.read(sent, 1000, Body.class);
    String written = ProtocolJson.writeString(read);

    assertThat(read.host()).isEqualTo("edge\ud800");
    assertThat(written)
        .isEqualTo(
            "{\"host\":\"edge\\ud800\",\"port\":8083,\"data\":[\"\\udfff\",\"\\ud83d\\ude00\"]}");
    assertThat(ProtocolJson.read(ProtocolJson.write(read), 1000, Body.class)).isEqualTo(read);
  }

  @Test
  void write_recordIsCompactInDeclarationOrderWithNulls() {
    record Sample(String b, Long a, String none) {}

    assertThat(ProtocolJson.writeString(new Sample("x", 1L, null)))
        .isEqualTo("{\"b\":\"x\",\"a\":1,\"none\":null}");
  }

  @Test
  void write_recordMethodsThatAreNoComponentsAreLeftOut() {
    Catalog catalog = new Catalog(1L, List.of(new CatalogEntry("a", 1L, SHA, 1L)));

    assertThat(ProtocolJson.writeString(catalog))
        .isEqualTo(
            "{\"version\":1,\"files\":[{\"name\":\"a\",\"size\":1,\"sha256\":\""
                + SHA
                + "\",\"version\":1}]}");
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
  void readValue_malformed_isRefusedNamingWhere(String text) {
    assertThatThrownBy(() -> ProtocolJson.readValue(text, 1000))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageMatching("(?s).*(line \\d+, column \\d+|no JSON value).*");
  }

  @Test
  void readValue_duplicateMember_isRefusedNamingIt() {
    assertThatThrownBy(() -> ProtocolJson.readValue("{\"a\":{\"k\":1,\"k\":2}}", 1000))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("'k'");
  }

  @Test
  void readValue_deepNesting_isRefused() {
    String deep = "[".repeat(1000) + "]".repeat(1000);

    assertThatThrownBy(() -> ProtocolJson.readValue(deep, 10_000))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void readValue_thirtyTwoLevels_areRead() throws MalformedJsonException {
    assertThat(ProtocolJson.readValue("[".repeat(32) + "]".repeat(32), 1000)).isNotNull();
    assertThatThrownBy(() -> ProtocolJson.readValue("[".repeat(33) + "]".repeat(33), 1000))
        .hasMessageContaining("nesting depth");
  }

  @Test
  void readValue_overTheSizeLimit_isRefusedBeforeParsing() {
    assertThatThrownBy(() -> ProtocolJson.readValue("[" + "1,".repeat(100) + "1]", 50))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("exceeds the limit of 50");
  }

  @Test
  void read_overTheSizeLimitInBytes_isRefusedBeforeParsing() {
    byte[] body = "{\"version\":1,\"files\":[]}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ProtocolJson.read(body, 10, Catalog.class))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("exceeds the limit of 10");
  }

  @Test
  void read_bytesThatAreNotUtf8_areRefused_andUtf16IsNotGuessed() {
    byte[] latin1 = {'{', '"', 'v', (byte) 0xe9, '"', ':', '1', '}'};
    byte[] utf16 = "{\"version\":1,\"files\":[]}".getBytes(StandardCharsets.UTF_16BE);

    assertThatThrownBy(() -> ProtocolJson.read(latin1, 100, Catalog.class))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessage("not valid UTF-8");
    assertThatThrownBy(() -> ProtocolJson.read(utf16, 100, Catalog.class))
        .isInstanceOf(MalformedJsonException.class);
  }

  @Test
  void read_trailingText_isRefused() {
    assertThatThrownBy(
            () -> ProtocolJson.read("{\"version\":1,\"files\":[]} {}", 1000, Catalog.class))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("text after the JSON value");
  }

  @Test
  void read_unknownMembers_areIgnored() throws MalformedJsonException {
    Catalog catalog =
        ProtocolJson.read(
            "{\"version\":1,\"newer\":{\"x\":[1]},\"files\":[]}", 1000, Catalog.class);

    assertThat(catalog).isEqualTo(new Catalog(1L, List.of()));
  }

  @Test
  void read_wrongTypes_areRefusedNotCoerced() {
    assertThatThrownBy(() -> readCatalog("{\"version\":\"1\",\"files\":[]}"))
        .hasMessage("version: must be an integer");
    assertThatThrownBy(
            () ->
                readCatalog(
                    "{\"version\":1,\"files\":[{\"name\":5,\"size\":1,\"sha256\":\""
                        + SHA
                        + "\",\"version\":1}]}"))
        .hasMessage("files[0].name: must be a string");
    assertThatThrownBy(() -> readCatalog("{\"version\":99999999999999999999,\"files\":[]}"))
        .hasMessage("version: is out of range");
    assertThatThrownBy(() -> readCatalog("{\"version\":1,\"files\":{}}"))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageStartingWith("files");
  }

  @Test
  void read_recordsOwnCheck_isNamedWithItsPath() {
    assertThatThrownBy(
            () ->
                readCatalog(
                    "{\"version\":1,\"files\":[{\"name\":\"a\",\"size\":1,\"sha256\":\""
                        + SHA
                        + "\",\"version\":1},{\"name\":\"b\",\"size\":-1,\"sha256\":\""
                        + SHA
                        + "\",\"version\":1}]}"))
        .hasMessage("files[1].size: must not be negative");
    assertThatThrownBy(() -> readCatalog("{\"files\":[]}"))
        .hasMessage("version: is required (a number)");
    assertThatThrownBy(() -> readCatalog("{\"version\":1,\"files\":[null]}"))
        .hasMessage("files[0]: must not be null");
  }

  @Test
  void read_notAnObject_isRefused() {
    assertThatThrownBy(() -> readCatalog("[]")).hasMessage("expected a JSON object");
    assertThatThrownBy(() -> readCatalog("null")).hasMessage("expected a JSON object");
    assertThatThrownBy(() -> readCatalog("  ")).hasMessage("no JSON value");
  }

  @Test
  void checkValue_acceptsExactlyOneValue() throws MalformedJsonException {
    for (String good : List.of("1", "null", "\"s\"", "[1,{\"a\":[]}]", " {} ")) {
      ProtocolJson.checkValue(good, 100);
    }
    for (String bad : List.of("", "1 2", "{\"a\":1}x", "[1,]", "{'a':1}")) {
      assertThatThrownBy(() -> ProtocolJson.checkValue(bad, 100))
          .as(bad)
          .isInstanceOf(MalformedJsonException.class);
    }
  }

  private static Catalog readCatalog(String json) throws MalformedJsonException {
    return ProtocolJson.read(json, 10_000, Catalog.class);
  }
}
