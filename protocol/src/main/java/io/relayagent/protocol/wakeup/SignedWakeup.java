package io.relayagent.protocol.wakeup;

import io.relayagent.protocol.json.Fields;
import java.util.Base64;
import java.util.List;

/**
 * A {@link Wakeup} as the server sends it, the answer {@code 200} to {@code GET /agent/v1/wakeup}:
 * the wake-up's JSON bytes, the server's ECDSA signature of exactly those bytes, and the server's
 * certificate chain, all base64. An agent checks the chain (a server of its organisation) and the
 * signature before it reads the bytes, so the message means the same however it arrived.
 *
 * @param wakeup base64 of the JSON of a {@link Wakeup}
 * @param signature base64 of the DER {@code SHA256withECDSA} signature of those bytes
 * @param chain base64 DER certificates, the signer's first
 */
public record SignedWakeup(String wakeup, String signature, List<String> chain) {

  /** The largest signed wake-up an agent reads. */
  public static final int MAX_BYTES = 64 * 1024;

  public SignedWakeup {
    wakeup = base64("wakeup", wakeup, 40 * 1024); // 100 agent ids of 256 characters, in base64
    signature = base64("signature", signature, 256);
    chain = Fields.list("chain", chain);
    if (chain.isEmpty() || chain.size() > 4) {
      throw Fields.problem("chain", "must hold 1 to 4 certificates");
    }
    for (int i = 0; i < chain.size(); i++) {
      base64("chain[" + i + "]", chain.get(i), 8 * 1024);
    }
  }

  /** Signs {@code bytes} (a wake-up's JSON) into a message. */
  public static SignedWakeup of(byte[] bytes, byte[] signature, List<byte[]> chain) {
    Base64.Encoder encoder = Base64.getEncoder();
    return new SignedWakeup(
        encoder.encodeToString(bytes),
        encoder.encodeToString(signature),
        chain.stream().map(encoder::encodeToString).toList());
  }

  public byte[] wakeupBytes() {
    return Base64.getDecoder().decode(wakeup);
  }

  public byte[] signatureBytes() {
    return Base64.getDecoder().decode(signature);
  }

  public List<byte[]> chainBytes() {
    return chain.stream().map(Base64.getDecoder()::decode).toList();
  }

  private static String base64(String name, String value, int maxLength) {
    String text = Fields.text(name, value, maxLength);
    try {
      Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw Fields.problem(name, "must be base64");
    }
    return text;
  }
}
