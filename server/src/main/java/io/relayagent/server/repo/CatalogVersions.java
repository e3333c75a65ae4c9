package io.relayagent.server.repo;

import io.relayagent.protocol.repo.Catalog;
import io.relayagent.protocol.repo.CatalogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How catalog versions move: the catalog's grows by one whenever any file is added, removed or
 * changed; a file's version is the catalog version in which its present content first appeared.
 */
final class CatalogVersions {
  private CatalogVersions() {}

  /**
   * The catalog after a scan found {@code found} (sorted by name; their versions are ignored):
   * {@code previous} itself if nothing changed.
   */
  static Catalog next(Catalog previous, List<CatalogEntry> found) {
    long candidate = previous.version() + 1;
    List<CatalogEntry> entries = new ArrayList<>();
    boolean changed = found.size() != previous.files().size();
    for (CatalogEntry entry : found) {
      Optional<CatalogEntry> before = previous.file(entry.name());
      boolean same =
          before.isPresent()
              && before.get().sha256().equals(entry.sha256())
              && before.get().size().equals(entry.size());
      changed |= !same;
      entries.add(
          new CatalogEntry(
              entry.name(),
              entry.size(),
              entry.sha256(),
              same ? before.get().version() : candidate));
    }
    return changed ? new Catalog(candidate, entries) : previous;
  }
}
