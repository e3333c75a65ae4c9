package io.relayagent.protocol.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog's JSON: the bytes the server signs, and what an agent accepts. */
class CatalogTest {
  private static final String AA = "aa".repeat(32);

  @Test
  void json_isCompactAndReadsBackEqual() throws MalformedJsonException {
    Catalog catalog = new Catalog(1L, List.of(new CatalogEntry("a.zip", 5L, AA, 1L)));

    byte[] json = ProtocolJson.write(catalog);

    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"version\":1,\"files\":[{\"name\":\"a.zip\",\"size\":5,\"sha256\":\""
                + AA
                + "\",\"version\":1}]}");
    assertThat(ProtocolJson.read(json, Catalog.MAX_BYTES, Catalog.class)).isEqualTo(catalog);
  }

  @Test
  void read_notACatalog_isRefused() {
    assertThatThrownBy(() -> read("{\"version\":\"one\"}"))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessage("version: must be an integer");
    assertThatThrownBy(() -> read("{\"version\":1}")).hasMessage("files: is required (an array)");
  }

  @Test
  void entry_upperCaseDigest_isLowerCased() {
    assertThat(new CatalogEntry("a", 1L, AA.toUpperCase(), 1L).sha256()).isEqualTo(AA);
  }

  @Test
  void entry_badNameOrDigest_isRefusedNamingTheMember() {
    String entry =
        "{\"version\":1,\"files\":[{\"name\":\"%s\",\"size\":1,\"sha256\":\"%s\",\"version\":1}]}";

    assertThatThrownBy(() -> read(String.format(entry, "../x", AA)))
        .hasMessageStartingWith("files[0].name: ");
    assertThatThrownBy(() -> read(String.format(entry, "a", "abc")))
        .hasMessage("files[0].sha256: must be 64 hex digits");
  }

  @Test
  void file_findsTheEntryByName() {
    CatalogEntry a = new CatalogEntry("dir/a.zip", 5L, AA, 1L);
    Catalog catalog = new Catalog(1L, List.of(a));

    assertThat(catalog.file("dir/a.zip")).contains(a);
    assertThat(catalog.file("a.zip")).isEmpty();
  }

  private static Catalog read(String json) throws MalformedJsonException {
    return ProtocolJson.read(json, Catalog.MAX_BYTES, Catalog.class);
  }
}
