package io.relayagent.server.edge;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.relayagent.files.FileAccess;
import io.relayagent.files.SealedFile;
import io.relayagent.protocol.admin.EdgeRelayList;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.sitelist.HostPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The edge relays registered with the server (as {@code ofcedgecfg --cmd reg} does for Trend
 * Micro's Edge Relay), in registration order, persisted in one file rewritten atomically at each
 * change, sealed ({@link SealedFile}) so that a flipped bit is found, never read as another host or
 * port for every agent. A policy holds at most {@value #MAX_RELAYS} static relays, so the registry
 * does too.
 */
public final class EdgeRelayRegistry {
  public static final int MAX_RELAYS = 64;
  private static final int MAX_FILE_BYTES = 1 << 20;

  private final Path file;
  private final List<EdgeRelay> relays = new ArrayList<>();
  private long version;

  private EdgeRelayRegistry(Path file) {
    this.file = file;
  }

  /**
   * The registry kept in {@code file}; empty if the file does not exist yet.
   *
   * @throws IOException if the file cannot be read, is damaged or is not a registry, naming it
   */
  public static EdgeRelayRegistry load(Path file) throws IOException {
    EdgeRelayRegistry registry = new EdgeRelayRegistry(file);
    if (Files.exists(file)) {
      byte[] content = SealedFile.read(file, MAX_FILE_BYTES).content();
      try {
        EdgeRelayList list = ProtocolJson.read(content, MAX_FILE_BYTES, EdgeRelayList.class);
        list.edgeRelays().forEach(entry -> registry.relays.add(EdgeRelay.of(entry)));
      } catch (MalformedJsonException | IllegalArgumentException | DateTimeParseException e) {
        throw new IOException(file + ": not a registry of edge relays: " + e.getMessage(), e);
      }
    }
    return registry;
  }

  /** The registered relays, in registration order. */
  public synchronized List<EdgeRelay> list() {
    return List.copyOf(relays);
  }

  /** A number that changes whenever the registry does. */
  public synchronized long version() {
    return version;
  }

  /**
   * Registers {@code address}, durably.
   *
   * @return the registration: a new one, or the existing one if it was registered already
   * @throws IllegalStateException if {@value #MAX_RELAYS} are registered already
   */
  public synchronized Registration add(HostPort address, Instant now) throws IOException {
    for (EdgeRelay relay : relays) {
      if (relay.address().equals(address)) {
        return new Registration(relay, false);
      }
    }
    if (relays.size() >= MAX_RELAYS) {
      throw new IllegalStateException(
          "at most " + MAX_RELAYS + " edge relays can be registered (a policy's limit)");
    }
    EdgeRelay relay = new EdgeRelay(address, now);
    List<EdgeRelay> next = new ArrayList<>(relays);
    next.add(relay);
    save(next);
    return new Registration(relay, true);
  }

  /** Unregisters {@code address}, durably; whether it was registered. */
  public synchronized boolean remove(HostPort address) throws IOException {
    List<EdgeRelay> next = new ArrayList<>(relays);
    if (!next.removeIf(relay -> relay.address().equals(address))) {
      return false;
    }
    save(next);
    return true;
  }

  /** The file is written before memory changes, so a failed write changes nothing. */
  private void save(List<EdgeRelay> next) throws IOException {
    EdgeRelayList list = new EdgeRelayList(next.stream().map(EdgeRelay::entry).toList());
    SealedFile.replace(
        file, (ProtocolJson.writeString(list) + "\n").getBytes(UTF_8), FileAccess.PRIVATE);
    relays.clear();
    relays.addAll(next);
    version++;
  }

  /** The outcome of {@link #add}: the relay, and whether this call registered it. */
  public record Registration(EdgeRelay relay, boolean added) {}
}
