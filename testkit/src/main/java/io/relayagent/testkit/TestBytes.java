package io.relayagent.testkit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/** Test content and its digests, as repositories and Repr-Digest state them. */
public final class TestBytes {

  private TestBytes() {}

  /** {@code length} bytes that are the same for the same seed and differ between seeds. */
  public static byte[] seeded(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  public static byte[] sha256(byte[] content) {
    return newSha256().digest(content);
  }

  public static String sha256Hex(byte[] content) {
    return HexFormat.of().formatHex(sha256(content));
  }

  /** The SHA-256 in base64, as in {@code Repr-Digest: sha-256=:...:}. */
  public static String sha256Base64(byte[] content) {
    return Base64.getEncoder().encodeToString(sha256(content));
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
