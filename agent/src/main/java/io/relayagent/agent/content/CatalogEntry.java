package io.relayagent.agent.content;

import io.relayagent.json.JsonException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** One file of the server's signed content catalog: what the agent must end up holding. */
public record CatalogEntry(String name, long size, String sha256, long version) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  public CatalogEntry {
    if (!NAME.matcher(name).matches() || name.startsWith(".")) {
      throw new IllegalArgumentException("catalog file name not allowed: " + name);
    }
    if (size < 0 || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("catalog entry for " + name + " has a bad size or digest");
    }
  }

  /** The entries of a parsed catalog ({@code {"version":n,"files":[...]}}). */
  static List<CatalogEntry> listOf(Map<String, Object> catalog) throws JsonException {
    if (!(catalog.get("files") instanceof List<?> files)) {
      throw new JsonException("the catalog has no file list");
    }
    List<CatalogEntry> entries = new ArrayList<>();
    for (Object file : files) {
      if (!(file instanceof Map<?, ?> f)
          || !(f.get("name") instanceof String name)
          || !(f.get("size") instanceof Long size)
          || !(f.get("sha256") instanceof String sha)
          || !(f.get("version") instanceof Long version)) {
        throw new JsonException("a catalog entry lacks name, size, sha256 or version");
      }
      try {
        entries.add(new CatalogEntry(name, size, sha.toLowerCase(java.util.Locale.ROOT), version));
      } catch (IllegalArgumentException e) {
        throw new JsonException(e.getMessage());
      }
    }
    return entries;
  }

  byte[] digest() {
    return HexFormat.of().parseHex(sha256);
  }
}
