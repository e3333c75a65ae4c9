package io.relayagent.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.protocol.http.EntityTags;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A small document served whole (a policy, a SiteList) with a strong {@code ETag} made from its
 * SHA-256, so that a client that has it already gets {@code 304} and no body.
 */
public record Document(byte[] content, String contentType, String etag) {

  public static Document of(byte[] content, String contentType) {
    return new Document(content, contentType, EntityTags.of(sha256(content)));
  }

  /** {@code 304} if the request's {@code If-None-Match} names this version, else {@code 200}. */
  public Reply reply(ApiRequest request) {
    Reply.Full reply =
        EntityTags.noneMatchHits(request.http().headers().get(HttpHeaderNames.IF_NONE_MATCH), etag)
            ? Replies.empty(HttpResponseStatus.NOT_MODIFIED)
            : Replies.bytes(HttpResponseStatus.OK, contentType, content);
    reply.response().headers().set(HttpHeaderNames.ETAG, etag);
    reply.response().headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    return reply;
  }

  public static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
