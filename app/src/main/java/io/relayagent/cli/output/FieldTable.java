package io.relayagent.cli.output;

import io.relayagent.protocol.json.ProtocolJson;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A record shown to people as a FIELD / VALUE table: one row per member of its JSON form, named as
 * there (nested members as {@code a.b}), so the table and {@code --json} never disagree.
 */
public final class FieldTable {
  private FieldTable() {}

  public static Table of(Object record) {
    Table table = new Table("FIELD", "VALUE");
    add(table, "", ProtocolJson.toMap(record));
    return table;
  }

  private static void add(Table table, String prefix, Map<?, ?> members) {
    members.forEach(
        (name, value) -> {
          String field = prefix + name;
          if (value instanceof Map<?, ?> nested) {
            add(table, field + ".", nested);
          } else if (value instanceof List<?> list) {
            table.add(
                field,
                list.isEmpty()
                    ? null
                    : list.stream().map(String::valueOf).collect(Collectors.joining(", ")));
          } else {
            table.add(field, value);
          }
        });
  }
}
