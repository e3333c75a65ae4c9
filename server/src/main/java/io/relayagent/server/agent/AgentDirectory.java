package io.relayagent.server.agent;

import io.relayagent.files.DamagedFileException;
import io.relayagent.files.FileAccess;
import io.relayagent.files.SealedFile;
import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.server.http.Document;
import io.relayagent.sitelist.IpLiterals;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents the server has heard from. Each status report is kept durably, in one small file per
 * agent rewritten atomically ({@code agents/<sha-256 of the id>.json}: an agent id may hold any
 * character, a file name may not), sealed ({@link SealedFile}); that an agent made some other
 * request only updates memory, until its next report. A damaged file is skipped at start and
 * logged; the agent is back with its next report.
 */
public final class AgentDirectory {
  private static final Logger log = LoggerFactory.getLogger(AgentDirectory.class);
  private static final int MAX_FILE_BYTES = 64 * 1024;

  private final Path dir;
  private final Map<String, AgentRecord> agents = new ConcurrentHashMap<>();

  private AgentDirectory(Path dir) {
    this.dir = dir;
  }

  /** The agents recorded in {@code dir}; a file that cannot be read is skipped and logged. */
  public static AgentDirectory load(Path dir) throws IOException {
    Files.createDirectories(dir);
    AgentDirectory directory = new AgentDirectory(dir);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "[0-9a-f]*.json")) {
      for (Path file : files) {
        try {
          AgentRecord agent = read(file);
          directory.agents.put(agent.agentId(), agent);
        } catch (DamagedFileException e) {
          log.warn("{}; skipped, the agent is listed again at its next report", e.getMessage());
        } catch (IOException | RuntimeException e) {
          log.warn("{}: not an agent record, skipped: {}", file, e.getMessage());
        }
      }
    }
    return directory;
  }

  /** Every agent, by id. */
  public List<AgentRecord> list() {
    return agents.values().stream().sorted(Comparator.comparing(AgentRecord::agentId)).toList();
  }

  /** The agent of that id, if the server has heard from it. */
  public Optional<AgentRecord> find(String agentId) {
    return Optional.ofNullable(agents.get(agentId));
  }

  /** Notes a request of {@code agentId}, in memory only. */
  void seen(String agentId, InetSocketAddress from, Instant now) {
    agents.compute(
        agentId,
        (id, known) ->
            new AgentRecord(id, known == null ? null : known.status(), now, address(from)));
  }

  /** Keeps {@code report} as the agent's latest, durably, before the report is acknowledged. */
  synchronized void report(StatusReport report, InetSocketAddress from, Instant now)
      throws IOException {
    AgentRecord agent = new AgentRecord(report.agentId(), report, now, address(from));
    StoredAgent stored = new StoredAgent(agent.agentId(), now.toString(), agent.address(), report);
    SealedFile.replace(fileOf(agent.agentId()), ProtocolJson.write(stored), FileAccess.PRIVATE);
    agents.put(agent.agentId(), agent);
  }

  private Path fileOf(String agentId) {
    byte[] hash = Document.sha256(agentId.getBytes(StandardCharsets.UTF_8));
    return dir.resolve(HexFormat.of().formatHex(hash) + ".json");
  }

  private static String address(InetSocketAddress from) {
    return from == null ? null : IpLiterals.format(from.getAddress());
  }

  private static AgentRecord read(Path file) throws IOException {
    byte[] content = SealedFile.read(file, MAX_FILE_BYTES).content();
    StoredAgent stored = ProtocolJson.read(content, MAX_FILE_BYTES, StoredAgent.class);
    if (stored.agentId() == null) {
      throw new IOException("no agentId");
    }
    return new AgentRecord(
        stored.agentId(), stored.status(), Instant.parse(stored.lastSeen()), stored.address());
  }
}
