package io.relayagent.mesh.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What one cached object is called: the Name of a site of the relay's SiteList and a path below
 * that site's RelativePath, both decoded and checked by {@link ContentPaths}.
 *
 * <p>The path is never used as a file name: files on disk are named by {@link #fileStem()}, a hash
 * of the key, so no path, however hostile, can reach outside the cache directory.
 *
 * @param site the site's Name, matched case-sensitively
 * @param path segments joined by {@code /}, without a leading or trailing slash
 */
public record ContentKey(String site, String path) {

  /**
   * A key from text that is already decoded, as an API caller holds it.
   *
   * @throws IllegalArgumentException naming what is wrong with the site or the path
   */
  public ContentKey {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(path, "path");
    ContentPaths.checkSite(site);
    ContentPaths.checkPath(path);
  }

  /** As the constructor. */
  public static ContentKey of(String site, String path) {
    return new ContentKey(site, path);
  }

  /** 32 hex digits of SHA-256 over site and path: the start of every file name of this key. */
  String fileStem() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      // A NUL can occur in neither part (control characters are refused), so it separates them.
      byte[] hash = sha256.digest((site + '\0' + path).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** {@code site/path}, for logs and messages. */
  @Override
  public String toString() {
    return site + "/" + path;
  }
}
