package io.relayagent.server.agent;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.agent.EventAcknowledgement;
import io.relayagent.protocol.agent.EventBatch;
import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.server.ServerLimits;
import io.relayagent.server.enroll.CertificatePaths;
import io.relayagent.server.events.EventStore;
import io.relayagent.server.events.StoredEvent;
import io.relayagent.server.http.ApiRequest;
import io.relayagent.server.http.Endpoint;
import io.relayagent.server.http.HttpProblem;
import io.relayagent.server.http.JsonBodies;
import io.relayagent.server.http.Replies;
import io.relayagent.server.http.Reply;
import io.relayagent.server.wakeup.WakeupPaths;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paths an agent uses at each ASCI ({@code /agent/v1/...}): its policy and SiteList, its
 * status, its events, the trust bundle, and the renewal of its certificate. The agent is who its
 * certificate says; a body naming another agent is refused with {@code 403}.
 */
public final class AgentEndpoint implements Endpoint {
  private static final Logger log = LoggerFactory.getLogger(AgentEndpoint.class);

  private final AgentFiles files;
  private final SiteListFiles siteLists;
  private final AgentDirectory agents;
  private final EventStore events;
  private final CertificatePaths certificates;
  private final WakeupPaths wakeups;
  private final ServerLimits limits;
  private final Clock clock;

  public AgentEndpoint(
      AgentFiles files,
      AgentDirectory agents,
      EventStore events,
      CertificatePaths certificates,
      WakeupPaths wakeups,
      ServerLimits limits,
      Clock clock) {
    this.files = files;
    this.siteLists = files.siteLists();
    this.agents = agents;
    this.events = events;
    this.certificates = certificates;
    this.wakeups = wakeups;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public Reply handle(ApiRequest request) throws HttpProblem, IOException {
    if (request.path().equals(ServerPaths.WAKEUP)) {
      // Not "seen": lastSeen is the agent's last ASCI, which is how a wake-up's effect shows.
      return wakeups.poll(request);
    }
    Instant now = clock.instant();
    agents.seen(request.client().id(), request.remote(), now);
    switch (request.path()) {
      case ServerPaths.POLICY:
        requireRead(request);
        return files.policyFor(request.client().id()).current().reply(request);
      case ServerPaths.SITELIST:
        requireRead(request);
        return siteLists
            .forHost(request.client().id(), request.client().role() == Role.RELAY)
            .orElseThrow(() -> HttpProblem.notFound("this server has no SiteList"))
            .reply(request);
      case ServerPaths.STATUS:
        requirePost(request);
        return status(request, now);
      case ServerPaths.EVENTS:
        requirePost(request);
        return events(request, now);
      case ServerPaths.CERTIFICATE:
        return certificates.renew(request);
      case ServerPaths.TRUST:
        return certificates.trust(request);
      default:
        throw HttpProblem.notFound("no such path");
    }
  }

  private Reply status(ApiRequest request, Instant now) throws HttpProblem, IOException {
    StatusReport report =
        JsonBodies.read(request.http(), limits.maxSmallBodyBytes(), StatusReport.class);
    requireSelf(request, report.agentId());
    agents.report(report, request.remote(), now);
    return Replies.empty(HttpResponseStatus.NO_CONTENT);
  }

  private Reply events(ApiRequest request, Instant now) throws HttpProblem, IOException {
    EventBatch batch = JsonBodies.read(request.http(), limits.maxBodyBytes(), EventBatch.class);
    if (batch.events().size() > limits.maxEventsPerBatch()) {
      throw new HttpProblem(
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          "the batch has "
              + batch.events().size()
              + " events; at most "
              + limits.maxEventsPerBatch()
              + " are taken");
    }
    requireSelf(request, batch.agentId());
    List<StoredEvent> stored =
        batch.events().stream().map(event -> StoredEvent.of(batch, event, now)).toList();
    EventStore.Appended result = events.append(stored);
    log.debug(
        "agent {} batch {}: {} stored, {} duplicates",
        batch.agentId(),
        batch.batchId(),
        result.stored(),
        result.duplicates());
    return Replies.json(
        HttpResponseStatus.OK,
        new EventAcknowledgement(result.acknowledged(), result.duplicates()));
  }

  private static void requireSelf(ApiRequest request, String claimed) throws HttpProblem {
    if (!claimed.equals(request.client().id())) {
      throw new HttpProblem(
          HttpResponseStatus.FORBIDDEN,
          "agentId \"" + claimed + "\" is not the agent of the client certificate");
    }
  }

  private static void requireRead(ApiRequest request) throws HttpProblem {
    if (!request.isRead()) {
      throw HttpProblem.methodNotAllowed("GET, HEAD");
    }
  }

  private static void requirePost(ApiRequest request) throws HttpProblem {
    if (!HttpMethod.POST.equals(request.method())) {
      throw HttpProblem.methodNotAllowed("POST");
    }
  }
}
