package io.relayagent.server.wakeup;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.wakeup.WakeupOutcome;
import io.relayagent.protocol.wakeup.WakeupReport;
import io.relayagent.protocol.wakeup.WakeupRequest;
import io.relayagent.protocol.wakeup.WakeupResult;
import io.relayagent.server.agent.AgentDirectory;
import io.relayagent.server.agent.AgentRecord;
import io.relayagent.server.http.ApiRequest;
import io.relayagent.server.http.HttpProblem;
import io.relayagent.server.http.JsonBodies;
import io.relayagent.server.http.Replies;
import io.relayagent.server.http.Reply;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/v1/wakeups}: signs one wake-up per agent named (or per agent known, for {@code
 * all}) and sends it on the agent's waiting poll; answers with each agent's outcome, so that an
 * agent that cannot be reached is named, never skipped.
 */
public final class WakeupPaths {
  private static final Logger log = LoggerFactory.getLogger(WakeupPaths.class);

  private final WaitingAgents waiting;
  private final WakeupSigner signer;
  private final AgentDirectory agents;
  private final int maxBodyBytes;
  private final Clock clock;

  public WakeupPaths(
      WaitingAgents waiting,
      WakeupSigner signer,
      AgentDirectory agents,
      int maxBodyBytes,
      Clock clock) {
    this.waiting = waiting;
    this.signer = signer;
    this.agents = agents;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  public static boolean owns(String path) {
    return path.equals(ServerPaths.ADMIN_WAKEUPS);
  }

  /** The administrator's request. */
  public Reply handle(ApiRequest request) throws HttpProblem {
    if (!HttpMethod.POST.equals(request.method())) {
      throw HttpProblem.methodNotAllowed("POST");
    }
    WakeupRequest body = JsonBodies.read(request.http(), maxBodyBytes, WakeupRequest.class);
    List<String> ids =
        body.all()
            ? agents.list().stream().map(AgentRecord::agentId).toList()
            : List.copyOf(new LinkedHashSet<>(body.agents()));
    Instant sent = clock.instant();
    List<WakeupResult> results = new ArrayList<>(ids.size());
    int reached = 0;
    for (String id : ids) {
      WakeupResult result = wake(id);
      results.add(result);
      reached += result.outcome().reached() ? 1 : 0;
    }
    log.info(
        "wake-up of {} agent(s) by {}: {} reached, {} not",
        ids.size(),
        request.remote(),
        reached,
        ids.size() - reached);
    return Replies.json(HttpResponseStatus.OK, new WakeupReport(sent.toString(), results));
  }

  /** The agent's poll, {@code GET /agent/v1/wakeup}. */
  public Reply poll(ApiRequest request) throws HttpProblem {
    if (!HttpMethod.GET.equals(request.method())) {
      throw HttpProblem.methodNotAllowed("GET");
    }
    return waiting.poll(request.client().id());
  }

  private WakeupResult wake(String agentId) throws HttpProblem {
    Optional<AgentRecord> known = agents.find(agentId);
    String lastSeen = known.map(agent -> agent.lastSeen().toString()).orElse(null);
    if (known.isEmpty() && !waiting.holds(agentId)) {
      return new WakeupResult(agentId, WakeupOutcome.UNKNOWN, null);
    }
    try {
      return new WakeupResult(agentId, waiting.wake(agentId, signer.sign(agentId)), lastSeen);
    } catch (IllegalStateException e) {
      throw new HttpProblem(HttpResponseStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }
  }
}
