package io.relayagent.server.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catalog versions: the catalog's grows with every change, a file's marks its content. */
class CatalogTest {
  private static final Catalog.Entry A = new Catalog.Entry("a.zip", 5, "aa", 0);
  private static final Catalog.Entry B = new Catalog.Entry("b.zip", 7, "bb", 0);

  @Test
  void next_nothingChanged_isTheSameCatalog() {
    Catalog first = new Catalog(0, List.of()).next(List.of(A, B));

    assertThat(first.next(List.of(A, B))).isSameAs(first);
  }

  @Test
  void next_fileChanged_newCatalogVersion_andOnlyThatFileTakesIt() {
    Catalog first = new Catalog(0, List.of()).next(List.of(A, B));
    Catalog second = first.next(List.of(A, new Catalog.Entry("b.zip", 7, "b2", 0)));

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.file("a.zip")).hasValueSatisfying(f -> assertThat(f.version()).isEqualTo(1));
    assertThat(second.file("b.zip")).hasValueSatisfying(f -> assertThat(f.version()).isEqualTo(2));
  }

  @Test
  void next_fileRemoved_newCatalogVersion() {
    Catalog first = new Catalog(0, List.of()).next(List.of(A, B));

    Catalog second = first.next(List.of(A));

    assertThat(second.version()).isEqualTo(2);
    assertThat(second.files()).extracting(Catalog.Entry::name).containsExactly("a.zip");
  }

  @Test
  void json_isCompactAndReadsBackEqual() {
    Catalog catalog = new Catalog(0, List.of()).next(List.of(A));

    byte[] json = catalog.toJson();

    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"version\":1,\"files\":[{\"name\":\"a.zip\",\"size\":5,\"sha256\":\"aa\","
                + "\"version\":1}]}");
    assertThat(Catalog.parse(json)).isEqualTo(catalog);
  }

  @Test
  void parse_notACatalog_isRefused() {
    assertThatThrownBy(
            () -> Catalog.parse("{\"version\":\"one\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a catalog");
  }
}
