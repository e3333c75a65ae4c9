package io.relayagent.bench.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * A relay as the load hosts are told of it: its name (its certificate's CN, for the counts) and its
 * address on their segment. On the command line: {@code relay1@10.79.0.11,relay2@10.79.0.12}.
 */
public record RelayTarget(String name, String address) {

  public static List<RelayTarget> parseList(String text) {
    List<RelayTarget> relays = new ArrayList<>();
    for (String item : text.split(",")) {
      int at = item.indexOf('@');
      if (at <= 0 || at == item.length() - 1) {
        throw new IllegalArgumentException("a relay is NAME@ADDRESS: " + item);
      }
      relays.add(new RelayTarget(item.substring(0, at), item.substring(at + 1)));
    }
    return List.copyOf(relays);
  }

  public static String format(List<RelayTarget> relays) {
    return String.join(",", relays.stream().map(r -> r.name() + "@" + r.address()).toList());
  }
}
