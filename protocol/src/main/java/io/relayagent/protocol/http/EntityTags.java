package io.relayagent.protocol.http;

import java.util.Base64;

/**
 * Entity tags made from a SHA-256 ({@code "<base64url, no padding>"}), the same at the server and
 * at every relay, so that one object has one tag wherever it is served from and an agent that
 * resumes a download with {@code If-Range} on another relay never splices two versions.
 */
public final class EntityTags {
  private EntityTags() {}

  /** The strong tag of the content whose SHA-256 is {@code sha256}. */
  public static String of(byte[] sha256) {
    return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256) + "\"";
  }

  /**
   * Whether an {@code If-None-Match} header ({@code null} when absent) names {@code etag} or is
   * {@code *}: then the client's copy is current. The comparison is weak (RFC 9110, section
   * 13.1.2): {@code W/} prefixes are ignored.
   */
  public static boolean noneMatchHits(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String wanted = weak(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || weak(tag).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static String weak(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
