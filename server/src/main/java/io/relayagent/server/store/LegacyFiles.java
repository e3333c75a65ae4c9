package io.relayagent.server.store;

import io.relayagent.files.DamagedFileException;
import io.relayagent.files.SealedFile;
import io.relayagent.protocol.admin.EdgeRelayList;
import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.server.agent.AgentRecord;
import io.relayagent.server.edge.EdgeRelay;
import io.relayagent.server.enroll.StoredToken;
import io.relayagent.server.enroll.StoredTokens;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the files a server directory held before the database (each as the server of that time
 * wrote it, sealed with {@link SealedFile}), for {@link LegacyImport}: the agents' files, the edge
 * relay registry, the enrollment tokens. The event log has its own reader ({@code
 * events.EventLogReader}). Damage is treated as that server treated it: a damaged agent file is
 * skipped, a damaged registry or token file stops the start.
 */
final class LegacyFiles {
  private static final Logger log = LoggerFactory.getLogger(LegacyFiles.class);
  private static final int MAX_AGENT_FILE_BYTES = 64 * 1024;
  private static final int MAX_REGISTRY_BYTES = 1 << 20;
  private static final int MAX_TOKEN_FILE_BYTES = 1024 * 1024;

  private LegacyFiles() {}

  /** One agent's file ({@code agents/<sha-256 of the id>.json}) as the server wrote it. */
  record StoredAgent(String agentId, String lastSeen, String address, StatusReport status) {}

  /** The agents in {@code dir}; a file that cannot be read is skipped and logged. */
  static List<AgentRecord> agents(Path dir) throws IOException {
    List<AgentRecord> agents = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return agents;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "[0-9a-f]*.json")) {
      for (Path file : files) {
        try {
          agents.add(agent(file));
        } catch (DamagedFileException e) {
          log.warn("{}; skipped, the agent is listed again at its next report", e.getMessage());
        } catch (IOException | RuntimeException e) {
          log.warn("{}: not an agent record, skipped: {}", file, e.getMessage());
        }
      }
    }
    return agents;
  }

  private static AgentRecord agent(Path file) throws IOException {
    byte[] content = SealedFile.read(file, MAX_AGENT_FILE_BYTES).content();
    StoredAgent stored = ProtocolJson.read(content, MAX_AGENT_FILE_BYTES, StoredAgent.class);
    if (stored.agentId() == null) {
      throw new IOException("no agentId");
    }
    return new AgentRecord(
        stored.agentId(), stored.status(), Instant.parse(stored.lastSeen()), stored.address());
  }

  /**
   * The registered edge relays in {@code file}, in registration order; none if it does not exist.
   *
   * @throws IOException if it is damaged or not a registry, naming it
   */
  static List<EdgeRelay> edgeRelays(Path file) throws IOException {
    List<EdgeRelay> relays = new ArrayList<>();
    if (Files.exists(file)) {
      byte[] content = SealedFile.read(file, MAX_REGISTRY_BYTES).content();
      try {
        EdgeRelayList list = ProtocolJson.read(content, MAX_REGISTRY_BYTES, EdgeRelayList.class);
        list.edgeRelays().forEach(entry -> relays.add(EdgeRelay.of(entry)));
      } catch (MalformedJsonException | IllegalArgumentException | DateTimeParseException e) {
        throw new IOException(file + ": not a registry of edge relays: " + e.getMessage(), e);
      }
    }
    return relays;
  }

  /**
   * The enrollment tokens in {@code file}, oldest first; none if it does not exist.
   *
   * @throws IOException if it is damaged or not a token file: the server does not start rather than
   *     forget which tokens were used
   */
  static List<StoredToken> tokens(Path file) throws IOException {
    List<StoredToken> tokens = new ArrayList<>();
    if (Files.exists(file)) {
      byte[] content = SealedFile.read(file, MAX_TOKEN_FILE_BYTES).content();
      try {
        StoredTokens stored = ProtocolJson.read(content, MAX_TOKEN_FILE_BYTES, StoredTokens.class);
        for (StoredToken token :
            stored.tokens() == null ? List.<StoredToken>of() : stored.tokens()) {
          if (token == null) {
            throw new IllegalArgumentException("a token is null");
          }
          tokens.add(token.checked());
        }
      } catch (MalformedJsonException | IllegalArgumentException e) {
        throw new IOException(file + ": not an enrollment token file: " + e.getMessage(), e);
      }
    }
    return tokens;
  }
}
