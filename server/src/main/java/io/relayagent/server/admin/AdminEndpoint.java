package io.relayagent.server.admin;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.admin.AgentList;
import io.relayagent.protocol.admin.EdgeRelayList;
import io.relayagent.protocol.admin.EdgeRelayRequest;
import io.relayagent.protocol.admin.EventStoreStatus;
import io.relayagent.protocol.admin.RelayStatisticsList;
import io.relayagent.protocol.admin.RescanResult;
import io.relayagent.server.ServerLimits;
import io.relayagent.server.agent.AgentSummaries;
import io.relayagent.server.console.ConsoleSessions;
import io.relayagent.server.edge.EdgeRelay;
import io.relayagent.server.edge.EdgeRelayRegistry;
import io.relayagent.server.enroll.EnrollmentTokenPaths;
import io.relayagent.server.events.EventStore;
import io.relayagent.server.http.ApiRequest;
import io.relayagent.server.http.Endpoint;
import io.relayagent.server.http.HttpProblem;
import io.relayagent.server.http.JsonBodies;
import io.relayagent.server.http.Replies;
import io.relayagent.server.http.Reply;
import io.relayagent.server.repo.Repository;
import io.relayagent.server.wakeup.WakeupPaths;
import io.relayagent.sitelist.HostPort;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrator's paths ({@code /admin/v1/...}): the agents heard from, the edge relay
 * registry, a repository rescan, the enrollment tokens, wake-ups, the web console's login links.
 * Every one needs the administrator's token; a request without it learns nothing, not even whether
 * its path exists.
 */
public final class AdminEndpoint implements Endpoint {
  private static final Logger log = LoggerFactory.getLogger(AdminEndpoint.class);
  private static final String EDGE_RELAYS = ServerPaths.ADMIN_EDGE_RELAYS;

  private final AdminToken token;
  private final AgentSummaries agents;
  private final EventStore events;
  private final EdgeRelayRegistry registry;
  private final Repository repository;
  private final EnrollmentTokenPaths enrollmentTokens;
  private final WakeupPaths wakeups;
  private final ConsoleSessions console;
  private final ServerLimits limits;
  private final Clock clock;

  public AdminEndpoint(
      AdminToken token,
      AgentSummaries agents,
      EventStore events,
      EdgeRelayRegistry registry,
      Repository repository,
      EnrollmentTokenPaths enrollmentTokens,
      WakeupPaths wakeups,
      ConsoleSessions console,
      ServerLimits limits,
      Clock clock) {
    this.token = token;
    this.agents = agents;
    this.events = events;
    this.registry = registry;
    this.repository = repository;
    this.enrollmentTokens = enrollmentTokens;
    this.wakeups = wakeups;
    this.console = console;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public Reply handle(ApiRequest request) throws HttpProblem, IOException {
    if (!token.accepts(request.http().headers().get(HttpHeaderNames.AUTHORIZATION))) {
      log.warn("{}: refused an administrator request without the token", request.remote());
      throw new HttpProblem(
              HttpResponseStatus.UNAUTHORIZED, "the administrator token is missing or wrong")
          .withHeader("WWW-Authenticate", "Bearer");
    }
    String path = request.path();
    HttpMethod method = request.method();
    if (path.equals(ServerPaths.ADMIN_AGENTS)) {
      requireMethod(request, HttpMethod.GET, "GET");
      return Replies.json(HttpResponseStatus.OK, new AgentList(agents.list()));
    }
    if (path.equals(ServerPaths.ADMIN_RELAY_STATISTICS)) {
      requireMethod(request, HttpMethod.GET, "GET");
      return Replies.json(HttpResponseStatus.OK, new RelayStatisticsList(agents.relayStatistics()));
    }
    if (path.equals(ServerPaths.ADMIN_EVENTS)) {
      requireMethod(request, HttpMethod.GET, "GET");
      return Replies.json(
          HttpResponseStatus.OK, new EventStoreStatus(events.size(), events.damagedRecords()));
    }
    if (path.equals(ServerPaths.ADMIN_CONSOLE_LINKS)) {
      requireMethod(request, HttpMethod.POST, "POST");
      log.info("{}: issued a console login link", request.remote());
      return Replies.json(HttpResponseStatus.CREATED, console.newLink());
    }
    if (WakeupPaths.owns(path)) {
      return wakeups.handle(request);
    }
    if (EnrollmentTokenPaths.owns(path)) {
      return enrollmentTokens.handle(request);
    }
    if (path.equals(ServerPaths.ADMIN_RESCAN)) {
      requireMethod(request, HttpMethod.POST, "POST");
      return Replies.json(HttpResponseStatus.OK, new RescanResult(repository.rescan()));
    }
    if (path.equals(EDGE_RELAYS)) {
      if (HttpMethod.POST.equals(method)) {
        return register(request);
      }
      requireMethod(request, HttpMethod.GET, "GET, POST");
      return Replies.json(
          HttpResponseStatus.OK,
          new EdgeRelayList(registry.list().stream().map(EdgeRelay::entry).toList()));
    }
    if (path.startsWith(EDGE_RELAYS + "/")) {
      requireMethod(request, HttpMethod.DELETE, "DELETE");
      return unregister(path.substring(EDGE_RELAYS.length() + 1));
    }
    throw HttpProblem.notFound("no such path");
  }

  private Reply register(ApiRequest request) throws HttpProblem, IOException {
    EdgeRelayRequest body =
        JsonBodies.read(request.http(), limits.maxSmallBodyBytes(), EdgeRelayRequest.class);
    HostPort address;
    try {
      address = EdgeRelay.address(body.host(), body.port());
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest(e.getMessage());
    }
    EdgeRelayRegistry.Registration registration;
    try {
      registration = registry.add(address, clock.instant());
    } catch (IllegalStateException e) {
      throw new HttpProblem(HttpResponseStatus.CONFLICT, e.getMessage());
    }
    if (registration.added()) {
      log.info("edge relay {} registered by {}", address, request.remote());
    }
    Reply.Full reply =
        Replies.json(
            registration.added() ? HttpResponseStatus.CREATED : HttpResponseStatus.OK,
            registration.relay().entry());
    reply
        .response()
        .headers()
        .set(HttpHeaderNames.LOCATION, ServerPaths.adminEdgeRelay(address.toString()));
    return reply;
  }

  private Reply unregister(String encoded) throws HttpProblem, IOException {
    HostPort address;
    try {
      address = HostPort.parse(QueryStringDecoder.decodeComponent(encoded), 0);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("expected " + EDGE_RELAYS + "/<host>:<port>: " + e.getMessage());
    }
    if (address.port() == 0) {
      throw HttpProblem.badRequest("expected " + EDGE_RELAYS + "/<host>:<port>");
    }
    if (!registry.remove(address)) {
      throw HttpProblem.notFound("edge relay " + address + " is not registered");
    }
    log.info("edge relay {} unregistered", address);
    return Replies.empty(HttpResponseStatus.NO_CONTENT);
  }

  private static void requireMethod(ApiRequest request, HttpMethod wanted, String allowed)
      throws HttpProblem {
    if (!wanted.equals(request.method())) {
      throw HttpProblem.methodNotAllowed(allowed);
    }
  }
}
