package io.relayagent.server.wakeup;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.wakeup.Wakeup;
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
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/v1/wakeups}: signs wake-ups for the agents named (or every agent known, for
 * {@code all}), one per hundred agents (the hundreds side by side), and sends each agent its
 * wake-up on its waiting poll, here or, through the database, on the server instance that holds it
 * ({@link RemoteWakeups}); answers with each agent's outcome, so that an agent that cannot be
 * reached is named, never skipped.
 */
public final class WakeupPaths {
  private static final Logger log = LoggerFactory.getLogger(WakeupPaths.class);

  private final WaitingAgents waiting;
  private final PollHolders holders;
  private final RemoteWakeups remote;
  private final WakeupSigner signer;
  private final AgentDirectory agents;
  private final int maxBodyBytes;
  private final Clock clock;
  private final Executor delivery;

  /**
   * @param delivery signs and delivers the hundreds of one wake-up side by side: a pool of about
   *     one thread per core
   */
  public WakeupPaths(
      WaitingAgents waiting,
      PollHolders holders,
      RemoteWakeups remote,
      WakeupSigner signer,
      AgentDirectory agents,
      int maxBodyBytes,
      Clock clock,
      Executor delivery) {
    this.waiting = waiting;
    this.holders = holders;
    this.remote = remote;
    this.signer = signer;
    this.agents = agents;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
    this.delivery = delivery;
  }

  public static boolean owns(String path) {
    return path.equals(ServerPaths.ADMIN_WAKEUPS);
  }

  /** The administrator's request. */
  public Reply handle(ApiRequest request) throws HttpProblem, IOException {
    if (!HttpMethod.POST.equals(request.method())) {
      throw HttpProblem.methodNotAllowed("POST");
    }
    WakeupRequest body = JsonBodies.read(request.http(), maxBodyBytes, WakeupRequest.class);
    // Read once: a wake-up of every agent asks the database once, not once per agent.
    Map<String, AgentRecord> known = new HashMap<>();
    agents.list().forEach(agent -> known.put(agent.agentId(), agent));
    List<String> ids =
        body.all()
            ? known.keySet().stream().sorted().toList()
            : List.copyOf(new LinkedHashSet<>(body.agents()));
    Map<String, String> elsewhere = elsewhere(ids);
    Instant sent = clock.instant();
    WakeupResult[] results = new WakeupResult[ids.size()];
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (!known.containsKey(id) && !waiting.holds(id) && !elsewhere.containsKey(id)) {
        results[i] = new WakeupResult(id, WakeupOutcome.UNKNOWN, null);
      } else {
        candidates.add(i);
      }
    }
    // One signature per hundred agents: waking 10,000 at once costs 100 signatures, not 10,000.
    // The hundreds are signed and delivered side by side, on every core.
    List<CompletableFuture<byte[]>> deliveries = new ArrayList<>();
    List<List<Integer>> batches = new ArrayList<>();
    try {
      for (int from = 0; from < candidates.size(); from += Wakeup.MAX_AGENTS) {
        List<Integer> batch =
            candidates.subList(from, Math.min(candidates.size(), from + Wakeup.MAX_AGENTS));
        batches.add(batch);
        deliveries.add(
            CompletableFuture.supplyAsync(() -> deliver(ids, batch, known, results), delivery));
      }
    } catch (RejectedExecutionException e) {
      throw new HttpProblem(HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is stopping");
    }
    awaitAll(deliveries);
    askOthers(ids, batches, deliveries, elsewhere, results);
    int reached = 0;
    for (WakeupResult result : results) {
      reached += result.outcome().reached() ? 1 : 0;
    }
    log.info(
        "wake-up of {} agent(s) by {}: {} reached, {} not",
        ids.size(),
        request.remote(),
        reached,
        ids.size() - reached);
    return Replies.json(HttpResponseStatus.OK, new WakeupReport(sent.toString(), List.of(results)));
  }

  /** The agent's poll, {@code GET /agent/v1/wakeup}. */
  public Reply poll(ApiRequest request) throws HttpProblem {
    if (!HttpMethod.GET.equals(request.method())) {
      throw HttpProblem.methodNotAllowed("GET");
    }
    Reply reply = waiting.poll(request.client().id());
    holders.polled(request.client().id());
    return reply;
  }

  /** Those of {@code ids} whose poll another instance holds; none if the database cannot tell. */
  private Map<String, String> elsewhere(List<String> ids) {
    try {
      return holders.elsewhere(ids);
    } catch (IOException e) {
      log.warn(
          "cannot read which instances hold which agents; waking this one's only: {}",
          e.getMessage());
      return Map.of();
    }
  }

  /**
   * Hands the wake-ups of {@code batches} (signed by {@code deliveries}) to the instances that hold
   * the polls of their agents this instance could not reach, and writes those agents' outcomes.
   */
  private void askOthers(
      List<String> ids,
      List<List<Integer>> batches,
      List<CompletableFuture<byte[]>> deliveries,
      Map<String, String> elsewhere,
      WakeupResult[] results)
      throws HttpProblem {
    List<RemoteWakeups.Ask> asks = new ArrayList<>();
    List<List<Integer>> asked = new ArrayList<>();
    for (int b = 0; b < batches.size(); b++) {
      Map<String, List<Integer>> byHolder = new LinkedHashMap<>();
      for (int index : batches.get(b)) {
        String holder = elsewhere.get(ids.get(index));
        // Not delivered here: unreachable, or queued for a poll that may never come back here
        // (the agent polls another instance now; one nonce makes one ASCI if both deliver).
        if (holder != null
            && results[index].outcome() != WakeupOutcome.DELIVERED
            && ids.get(index).indexOf('\n') < 0) {
          byHolder.computeIfAbsent(holder, h -> new ArrayList<>()).add(index);
        }
      }
      byte[] wakeup = deliveries.get(b).join();
      byHolder.forEach(
          (holder, indexes) -> {
            asks.add(
                new RemoteWakeups.Ask(holder, indexes.stream().map(ids::get).toList(), wakeup));
            asked.add(indexes);
          });
    }
    if (asks.isEmpty()) {
      return;
    }
    List<List<WakeupOutcome>> outcomes;
    try {
      outcomes = remote.ask(asks);
    } catch (IOException e) {
      log.warn(
          "cannot hand wake-ups to other instances; their agents are unreachable: {}",
          e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpProblem(HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is stopping");
    }
    for (int a = 0; a < asks.size(); a++) {
      List<Integer> indexes = asked.get(a);
      for (int k = 0; k < indexes.size(); k++) {
        WakeupResult before = results[indexes.get(k)];
        WakeupOutcome there = outcomes.get(a).get(k);
        if (there.reached() || !before.outcome().reached()) {
          results[indexes.get(k)] = new WakeupResult(before.agentId(), there, before.lastSeen());
        }
      }
    }
  }

  /**
   * Signs one wake-up for the agents of {@code batch} (indexes into {@code ids}) and sends it to
   * each whose poll this instance holds; writes their outcomes into {@code results} at the same
   * indexes.
   *
   * @return the signed wake-up's JSON
   * @throws IllegalStateException if the server cannot sign
   */
  private byte[] deliver(
      List<String> ids,
      List<Integer> batch,
      Map<String, AgentRecord> known,
      WakeupResult[] results) {
    List<String> batchIds = batch.stream().map(ids::get).toList();
    byte[] wakeup = ProtocolJson.write(signer.sign(batchIds));
    List<WakeupOutcome> outcomes = waiting.wake(batchIds, wakeup);
    for (int k = 0; k < batchIds.size(); k++) {
      String agentId = batchIds.get(k);
      AgentRecord agent = known.get(agentId);
      String lastSeen = agent == null ? null : agent.lastSeen().toString();
      results[batch.get(k)] = new WakeupResult(agentId, outcomes.get(k), lastSeen);
    }
    return wakeup;
  }

  /** Waits for every delivery; a failure to sign is the request's {@code 500}. */
  private static void awaitAll(List<CompletableFuture<byte[]>> deliveries) throws HttpProblem {
    try {
      CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      throw new HttpProblem(HttpResponseStatus.INTERNAL_SERVER_ERROR, why);
    }
  }
}
