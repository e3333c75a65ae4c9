package io.relayagent.protocol.repo;

import io.relayagent.protocol.json.Fields;
import java.util.List;
import java.util.Optional;

/**
 * The signed list of the repository's files ({@code GET /repo/catalog.json}): {@code {"version": n,
 * "files": [{"name", "size", "sha256", "version"}]}}, files sorted by name. The server serves and
 * signs exactly the bytes {@code ProtocolJson.write} makes of it; an agent verifies the signature
 * over the bytes it received before it reads them.
 *
 * @param version grows by one whenever any file is added, removed or changed; never goes back
 */
public record Catalog(Long version, List<CatalogEntry> files) {

  /** The largest catalog an agent reads. */
  public static final int MAX_BYTES = 4 << 20;

  public Catalog {
    if (Fields.required("version", version, "a number") < 0) {
      throw Fields.problem("version", "must not be negative");
    }
    files = Fields.list("files", files);
  }

  /** The entry of the file named {@code name}, if the catalog lists one. */
  public Optional<CatalogEntry> file(String name) {
    return files.stream().filter(entry -> entry.name().equals(name)).findFirst();
  }
}
