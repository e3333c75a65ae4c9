package io.relayagent.protocol.http;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Repr-Digest} header of RFC 9530, as the server sends it and a relay's content cache
 * requires it: a dictionary of algorithm to byte sequence, of which only {@code sha-256} counts
 * ({@code sha-256=:<base64>:}). Other algorithms may stand beside it and are ignored; a sha-256
 * member that is malformed or not 32 bytes long makes the header unusable rather than being
 * skipped.
 */
public final class ReprDigest {

  public static final String HEADER = "Repr-Digest";
  public static final String WANT_HEADER = "Want-Repr-Digest";

  /** The {@code Want-Repr-Digest} a relay sends: sha-256, preferred. */
  public static final String WANT_SHA_256 = "sha-256=10";

  private static final String SHA_256 = "sha-256";
  private static final int SHA_256_BYTES = 32;

  private ReprDigest() {}

  /** The header value announcing {@code sha256}. */
  public static String format(byte[] sha256) {
    return SHA_256 + "=:" + Base64.getEncoder().encodeToString(sha256) + ":";
  }

  /**
   * The SHA-256 that the header lines announce, if one does.
   *
   * @throws IllegalArgumentException if the sha-256 member is malformed or given twice
   */
  public static Optional<byte[]> parseSha256(List<String> headerLines) {
    byte[] found = null;
    for (String line : headerLines) {
      // Base64 has no commas, so a comma always separates dictionary members.
      for (String member : line.split(",", -1)) {
        int equals = member.indexOf('=');
        String name = (equals < 0 ? member : member.substring(0, equals)).trim();
        if (!name.toLowerCase(Locale.ROOT).equals(SHA_256)) {
          continue;
        }
        if (found != null) {
          throw new IllegalArgumentException("sha-256 is given twice");
        }
        found = decodeValue(equals < 0 ? "" : member.substring(equals + 1));
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] decodeValue(String raw) {
    String value = raw.trim();
    int parameters = value.indexOf(';');
    if (parameters >= 0) {
      value = value.substring(0, parameters).trim();
    }
    if (value.length() < 2 || value.charAt(0) != ':' || value.charAt(value.length() - 1) != ':') {
      throw new IllegalArgumentException("the sha-256 value is not a :byte sequence:");
    }
    byte[] digest;
    try {
      digest = Base64.getDecoder().decode(value.substring(1, value.length() - 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the sha-256 value is not base64", e);
    }
    if (digest.length != SHA_256_BYTES) {
      throw new IllegalArgumentException("the sha-256 value has " + digest.length + " bytes");
    }
    return digest;
  }
}
