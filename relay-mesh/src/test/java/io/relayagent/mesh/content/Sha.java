package io.relayagent.mesh.content;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/** Test content and its digests. */
final class Sha {

  private Sha() {}

  static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String base64(byte[] content) {
    return Base64.getEncoder().encodeToString(sha256(content));
  }

  static String hex(byte[] content) {
    return HexFormat.of().formatHex(sha256(content));
  }

  /** {@code length} bytes that differ for each seed. */
  static byte[] content(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
