package io.relayagent.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Base64;

/**
 * Entity tags made from a SHA-256, the same way a relay's content cache makes them ({@code
 * "<base64url, no padding>"}), so that one object has one tag wherever it is served from.
 */
public final class EntityTags {
  private EntityTags() {}

  public static String of(byte[] sha256) {
    return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256) + "\"";
  }

  /**
   * Whether {@code If-None-Match} names {@code etag} or is {@code *}: then the client's copy is
   * current. The comparison is weak (RFC 9110, section 13.1.2): {@code W/} prefixes are ignored.
   */
  public static boolean noneMatchHits(HttpRequest request, String etag) {
    String header = request.headers().get(HttpHeaderNames.IF_NONE_MATCH);
    if (header == null) {
      return false;
    }
    String wanted = strip(etag);
    for (String candidate : header.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || strip(tag).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static String strip(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
