package io.relayagent.tests.lan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a {@link WireWitness} saw, read back from its log: the discovery rounds, in order. */
public final class WitnessLog {

  /**
   * One round on the wire.
   *
   * @param requestNanos when its (first) request left the host
   * @param firstOffers each relay's first offer: when it reached the host, earliest first
   */
  public record Round(
      String nonce, String agentId, long requestNanos, Map<String, Long> firstOffers) {

    /** The relays in the order their first offers arrived. */
    public List<String> arrivalOrder() {
      return List.copyOf(firstOffers.keySet());
    }

    /** From the request leaving to the relay's first offer arriving, on the wire. */
    public Duration roundTrip(String relayId) {
      return Duration.ofNanos(firstOffers.get(relayId) - requestNanos);
    }
  }

  private WitnessLog() {}

  /** Every round whose request the witness saw, in the order they were sent. */
  public static List<Round> rounds(Path log) throws IOException {
    List<String[]> requests = new ArrayList<>();
    List<String[]> offers = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      String[] fields = line.split(" ");
      if (fields.length == 5 && fields[0].equals("REQUEST")) {
        requests.add(fields);
      } else if (fields.length == 5 && fields[0].equals("OFFER")) {
        offers.add(fields);
      }
    }
    Map<String, String[]> firstRequest = new LinkedHashMap<>();
    requests.stream()
        .sorted(Comparator.comparingLong(fields -> Long.parseLong(fields[1])))
        .forEach(fields -> firstRequest.putIfAbsent(fields[2], fields));
    offers.sort(Comparator.comparingLong(fields -> Long.parseLong(fields[1])));
    List<Round> rounds = new ArrayList<>();
    for (String[] request : firstRequest.values()) {
      Map<String, Long> firstOffers = new LinkedHashMap<>();
      for (String[] offer : offers) {
        if (offer[2].equals(request[2])) {
          firstOffers.putIfAbsent(offer[3], Long.parseLong(offer[1]));
        }
      }
      rounds.add(new Round(request[2], request[3], Long.parseLong(request[1]), firstOffers));
    }
    return rounds;
  }
}
