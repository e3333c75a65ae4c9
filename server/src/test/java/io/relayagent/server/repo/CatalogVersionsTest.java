package io.relayagent.server.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.repo.Catalog;
import io.relayagent.protocol.repo.CatalogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catalog versions: the catalog's grows with every change, a file's marks its content. */
class CatalogVersionsTest {
  private static final String AA = "aa".repeat(32);
  private static final String BB = "bb".repeat(32);
  private static final CatalogEntry A = new CatalogEntry("a.zip", 5L, AA, 0L);
  private static final CatalogEntry B = new CatalogEntry("b.zip", 7L, BB, 0L);
  private static final Catalog EMPTY = new Catalog(0L, List.of());

  @Test
  void next_nothingChanged_isTheSameCatalog() {
    Catalog first = CatalogVersions.next(EMPTY, List.of(A, B));

    assertThat(CatalogVersions.next(first, List.of(A, B))).isSameAs(first);
  }

  @Test
  void next_fileChanged_newCatalogVersion_andOnlyThatFileTakesIt() {
    Catalog first = CatalogVersions.next(EMPTY, List.of(A, B));
    Catalog second =
        CatalogVersions.next(first, List.of(A, new CatalogEntry("b.zip", 7L, "b2".repeat(32), 0L)));

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.file("a.zip")).hasValueSatisfying(f -> assertThat(f.version()).isEqualTo(1));
    assertThat(second.file("b.zip")).hasValueSatisfying(f -> assertThat(f.version()).isEqualTo(2));
  }

  @Test
  void next_fileRemoved_newCatalogVersion() {
    Catalog first = CatalogVersions.next(EMPTY, List.of(A, B));

    Catalog second = CatalogVersions.next(first, List.of(A));

    assertThat(second.version()).isEqualTo(2);
    assertThat(second.files()).extracting(CatalogEntry::name).containsExactly("a.zip");
  }
}
