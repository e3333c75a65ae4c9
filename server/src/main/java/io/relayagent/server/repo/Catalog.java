package io.relayagent.server.repo;

import io.relayagent.json.JsonException;
import io.relayagent.json.JsonReader;
import io.relayagent.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signed list of the repository's files: {@code {"version": n, "files": [{"name", "size",
 * "sha256", "version"}]}}, files sorted by name, {@code sha256} in lower-case hex. The catalog's
 * version grows by one whenever any file is added, removed or changed; a file's version is the
 * catalog version in which its present content first appeared.
 */
public record Catalog(long version, List<Entry> files) {

  /** One file: {@code sha256} in lower-case hex. */
  public record Entry(String name, long size, String sha256, long version) {}

  public Catalog {
    files = List.copyOf(files);
  }

  public Optional<Entry> file(String name) {
    return files.stream().filter(entry -> entry.name().equals(name)).findFirst();
  }

  /** The catalog after a scan found {@code found} (sorted by name): this one if nothing changed. */
  Catalog next(List<Entry> found) {
    long candidate = version + 1;
    List<Entry> entries = new ArrayList<>();
    boolean changed = found.size() != files.size();
    for (Entry entry : found) {
      Optional<Entry> before = file(entry.name());
      boolean same =
          before.isPresent()
              && before.get().sha256().equals(entry.sha256())
              && before.get().size() == entry.size();
      changed |= !same;
      entries.add(
          new Entry(
              entry.name(),
              entry.size(),
              entry.sha256(),
              same ? before.get().version() : candidate));
    }
    return changed ? new Catalog(candidate, entries) : this;
  }

  /** The exact bytes that are served and signed: compact JSON, UTF-8. */
  public byte[] toJson() {
    List<Object> list = new ArrayList<>();
    for (Entry entry : files) {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("name", entry.name());
      file.put("size", entry.size());
      file.put("sha256", entry.sha256());
      file.put("version", entry.version());
      list.add(file);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", version);
    json.put("files", list);
    return JsonWriter.write(json).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a catalog's JSON.
   *
   * @throws IllegalArgumentException if it is not a catalog, saying why
   */
  public static Catalog parse(byte[] json) {
    try {
      Map<String, Object> object =
          JsonReader.parseObject(new String(json, StandardCharsets.UTF_8), json.length);
      List<Entry> entries = new ArrayList<>();
      for (Object item : (List<?>) object.get("files")) {
        Map<?, ?> file = (Map<?, ?>) item;
        entries.add(
            new Entry(
                (String) file.get("name"),
                (Long) file.get("size"),
                (String) file.get("sha256"),
                (Long) file.get("version")));
      }
      return new Catalog((Long) object.get("version"), entries);
    } catch (JsonException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("not a catalog: " + e.getMessage(), e);
    }
  }
}
