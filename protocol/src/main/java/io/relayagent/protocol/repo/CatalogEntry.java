package io.relayagent.protocol.repo;

import io.relayagent.protocol.json.Fields;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One file of the signed catalog: what an agent must end up holding.
 *
 * @param name a {@link RepositoryName}: the file's path below {@code /repo/}
 * @param size its length in bytes
 * @param sha256 its SHA-256, lower-case hex (upper case is accepted and lower-cased)
 * @param version the catalog version in which this content of the file first appeared
 */
public record CatalogEntry(String name, Long size, String sha256, Long version) {
  private static final Pattern HEX_SHA_256 = Pattern.compile("[0-9a-f]{64}");

  public CatalogEntry {
    name = Fields.text("name", name, RepositoryName.MAX_LENGTH);
    try {
      RepositoryName.check(name);
    } catch (IllegalArgumentException e) {
      throw Fields.problem("name", e.getMessage());
    }
    if (Fields.required("size", size, "a number") < 0) {
      throw Fields.problem("size", "must not be negative");
    }
    sha256 = Fields.text("sha256", sha256, 64).toLowerCase(Locale.ROOT);
    if (!HEX_SHA_256.matcher(sha256).matches()) {
      throw Fields.problem("sha256", "must be 64 hex digits");
    }
    if (Fields.required("version", version, "a number") < 0) {
      throw Fields.problem("version", "must not be negative");
    }
  }

  /** The SHA-256 as bytes. */
  public byte[] digest() {
    return HexFormat.of().parseHex(sha256);
  }
}
