package io.relayagent.server.console;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.server.agent.AgentSummaries;
import io.relayagent.server.edge.EdgeRelayRegistry;
import io.relayagent.server.events.EventStore;
import io.relayagent.server.http.ApiRequest;
import io.relayagent.server.http.Endpoint;
import io.relayagent.server.http.Reply;
import io.relayagent.server.repo.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrators' read-only web console ({@code /console/...}, docs/console.md): plain HTML
 * pages of the fleet, the relays, one relay, one agent and the content versions, read through the
 * same services as the admin API. A browser signs in by opening a one-time login link (from {@code
 * relay-agent server console-link}), which sets a session cookie; every page but the login and the
 * style sheet needs that session, and without one answers {@code 401} with a page that says how to
 * sign in.
 */
public final class ConsoleEndpoint implements Endpoint {
  private static final Logger log = LoggerFactory.getLogger(ConsoleEndpoint.class);

  /** {@code __Host-}: the browser keeps it only if Secure, for this host, on every path. */
  static final String COOKIE = "__Host-relay-console";

  private final ConsoleSessions sessions;
  private final AgentSummaries agents;
  private final EdgeRelayRegistry registry;
  private final EventStore events;
  private final Repository repository;
  private final Clock clock;
  private final byte[] styleSheet;

  public ConsoleEndpoint(
      ConsoleSessions sessions,
      AgentSummaries agents,
      EdgeRelayRegistry registry,
      EventStore events,
      Repository repository,
      Clock clock) {
    this.sessions = sessions;
    this.agents = agents;
    this.registry = registry;
    this.events = events;
    this.repository = repository;
    this.clock = clock;
    this.styleSheet = readStyleSheet();
  }

  @Override
  public Reply handle(ApiRequest request) throws IOException {
    String path = request.path();
    if (path.equals(ConsolePaths.LOGOUT)) {
      return HttpMethod.POST.equals(request.method()) ? logout(request) : notAllowed("POST");
    }
    if (!request.isRead()) {
      return notAllowed("GET, HEAD");
    }
    if (path.equals(ConsolePaths.STYLE)) {
      return ConsoleReplies.styleSheet(styleSheet);
    }
    if (path.equals(ConsolePaths.LOGIN)) {
      return login(request);
    }
    if (!sessions.isValid(sessionOf(request))) {
      return ConsoleReplies.page(
          HttpResponseStatus.UNAUTHORIZED, LoginPages.signIn("This page needs a console session."));
    }
    return page(path);
  }

  private Reply page(String path) throws IOException {
    if (path.equals(ConsolePaths.PREFIX) || path.equals(ConsolePaths.ROOT)) {
      return ConsoleReplies.redirect(ConsolePaths.FLEET);
    }
    FleetSnapshot fleet = FleetSnapshot.take(agents, registry, repository);
    if (path.equals(ConsolePaths.FLEET)) {
      return ok(FleetPages.fleet(fleet));
    }
    if (path.equals(ConsolePaths.RELAYS)) {
      return ok(RelayPages.relays(fleet));
    }
    if (path.equals(ConsolePaths.CONTENT)) {
      return ok(ContentPage.content(fleet));
    }
    Optional<String> relay = ConsolePaths.idIn(path, ConsolePaths.RELAYS);
    if (relay.isPresent()) {
      return ok(RelayPages.relay(fleet, relay.get()));
    }
    Optional<String> agentId = ConsolePaths.idIn(path, ConsolePaths.AGENTS);
    Optional<AgentSummary> summary =
        agentId.flatMap(
            id -> fleet.agents().stream().filter(a -> a.agentId().equals(id)).findFirst());
    Optional<Reply> agent =
        summary.isPresent()
            ? Optional.of(
                ok(
                    FleetPages.agent(
                        fleet, summary.get(), events.recentFor(summary.get().agentId()))))
            : Optional.empty();
    return agent.orElseGet(
        () ->
            ConsoleReplies.page(
                HttpResponseStatus.NOT_FOUND,
                HtmlPage.signedIn("Not found")
                    .heading("Not found")
                    .paragraph(
                        "The console has no such page, or the server knows no such agent.")));
  }

  private Reply login(ApiRequest request) throws IOException {
    List<String> values =
        new QueryStringDecoder(request.http().uri())
            .parameters()
            .getOrDefault(ConsolePaths.LINK_PARAMETER, List.of());
    Optional<ConsoleSessions.Issued> session =
        values.size() == 1 ? sessions.redeem(values.get(0)) : Optional.empty();
    if (session.isEmpty()) {
      log.warn("{}: refused a console login link (unknown, used or expired)", request.remote());
      return ConsoleReplies.page(
          HttpResponseStatus.UNAUTHORIZED,
          LoginPages.signIn("This login link is unknown, was used already, or has expired."));
    }
    log.info("{}: console session started", request.remote());
    Reply.Full reply = ConsoleReplies.redirect(ConsolePaths.FLEET);
    reply
        .response()
        .headers()
        .add(
            HttpHeaderNames.SET_COOKIE,
            cookie(
                session.get().secret(),
                Duration.between(clock.instant(), session.get().expires()).toSeconds()));
    return reply;
  }

  private Reply logout(ApiRequest request) throws IOException {
    sessions.end(sessionOf(request));
    Reply.Full reply = ConsoleReplies.page(HttpResponseStatus.OK, LoginPages.loggedOut());
    reply.response().headers().add(HttpHeaderNames.SET_COOKIE, cookie("", 0));
    return reply;
  }

  private static String cookie(String value, long maxAgeSeconds) {
    DefaultCookie cookie = new DefaultCookie(COOKIE, value);
    cookie.setHttpOnly(true);
    cookie.setSecure(true);
    cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
    cookie.setPath("/");
    cookie.setMaxAge(maxAgeSeconds);
    return ServerCookieEncoder.STRICT.encode(cookie);
  }

  /** The session cookie's value, or null; a malformed Cookie header counts as none. */
  private static String sessionOf(ApiRequest request) {
    String header = request.http().headers().get(HttpHeaderNames.COOKIE);
    if (header == null) {
      return null;
    }
    for (Cookie cookie : ServerCookieDecoder.STRICT.decodeAll(header)) {
      if (cookie.name().equals(COOKIE)) {
        return cookie.value();
      }
    }
    return null;
  }

  private static Reply ok(HtmlPage page) {
    return ConsoleReplies.page(HttpResponseStatus.OK, page);
  }

  private static Reply notAllowed(String allowed) {
    Reply.Full reply =
        ConsoleReplies.page(
            HttpResponseStatus.METHOD_NOT_ALLOWED,
            HtmlPage.signedOut("Method not allowed")
                .heading("Method not allowed")
                .paragraph("The console is read-only."));
    reply.response().headers().set(HttpHeaderNames.ALLOW, allowed);
    return reply;
  }

  private static byte[] readStyleSheet() {
    try (InputStream in = ConsoleEndpoint.class.getResourceAsStream("console.css")) {
      if (in == null) {
        throw new IllegalStateException("console.css is missing from the server's jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
