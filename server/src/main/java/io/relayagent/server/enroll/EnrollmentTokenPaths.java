package io.relayagent.server.enroll;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.admin.EnrollmentTokenList;
import io.relayagent.protocol.admin.EnrollmentTokenRequest;
import io.relayagent.server.http.ApiRequest;
import io.relayagent.server.http.HttpProblem;
import io.relayagent.server.http.JsonBodies;
import io.relayagent.server.http.Replies;
import io.relayagent.server.http.Reply;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrator's enrollment token paths (behind the admin endpoint's token check): {@code
 * POST} makes one (the answer is the only place its secret ever appears), {@code GET} lists them,
 * {@code DELETE .../{id}} revokes one.
 */
public final class EnrollmentTokenPaths {
  private static final Logger log = LoggerFactory.getLogger(EnrollmentTokenPaths.class);
  private static final String TOKENS = ServerPaths.ADMIN_ENROLLMENT_TOKENS;

  private final EnrollmentTokens tokens;
  private final Clock clock;

  public EnrollmentTokenPaths(EnrollmentTokens tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  /** Whether {@code path} is one of these paths. */
  public static boolean owns(String path) {
    return path.equals(TOKENS) || path.startsWith(TOKENS + "/");
  }

  public Reply handle(ApiRequest request) throws HttpProblem, IOException {
    String path = request.path();
    if (path.equals(TOKENS)) {
      if (HttpMethod.POST.equals(request.method())) {
        return create(request);
      }
      if (!HttpMethod.GET.equals(request.method())) {
        throw HttpProblem.methodNotAllowed("GET, POST");
      }
      return Replies.json(HttpResponseStatus.OK, new EnrollmentTokenList(tokens.list()));
    }
    if (!HttpMethod.DELETE.equals(request.method())) {
      throw HttpProblem.methodNotAllowed("DELETE");
    }
    String id = path.substring(TOKENS.length() + 1);
    if (!tokens.revoke(id)) {
      throw HttpProblem.notFound("no enrollment token has the id \"" + printable(id) + "\"");
    }
    log.info("{}: enrollment token {} revoked", request.remote(), id);
    return Replies.empty(HttpResponseStatus.NO_CONTENT);
  }

  private Reply create(ApiRequest request) throws HttpProblem, IOException {
    EnrollmentTokenRequest body =
        JsonBodies.read(
            request.http(), EnrollEndpoint.MAX_BODY_BYTES, EnrollmentTokenRequest.class);
    EnrollmentTokens.Created created;
    try {
      created =
          tokens.create(
              Role.fromCliName(body.role()),
              body.uses(),
              Duration.ofSeconds(body.validSeconds()),
              clock.instant());
    } catch (IllegalStateException e) {
      throw new HttpProblem(HttpResponseStatus.CONFLICT, e.getMessage());
    }
    log.info(
        "{}: enrollment token {} made ({}, {} uses, until {})",
        request.remote(),
        created.token().id(),
        body.role(),
        body.uses(),
        created.token().expires());
    Reply.Full reply = Replies.json(HttpResponseStatus.CREATED, created.token());
    reply
        .response()
        .headers()
        .set(HttpHeaderNames.LOCATION, ServerPaths.adminEnrollmentToken(created.token().id()))
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    return reply;
  }

  /** An id from the path, safe to echo: ids are hex, anything else is shown cut short. */
  private static String printable(String id) {
    String kept = id.replaceAll("[^0-9A-Za-z._-]", "?");
    return kept.length() > 32 ? kept.substring(0, 32) + "..." : kept;
  }
}
