package io.relayagent.mesh.discovery;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.relayagent.config.DiscoveryAnswerPolicy;
import java.util.function.Supplier;

/**
 * A relay's answer to discovery, rehearsed a few hundred times when the responder starts: a request
 * decoded, the answer decided, an offer made, signed and encoded, and then thrown away. A storm in
 * the first seconds of a relay's life then meets code the JIT has already compiled, instead of an
 * interpreter that signs a hundred times slower (the cold storm of issue 14 answered none of a
 * thousand agents within a second).
 */
final class AnswerRehearsal implements Runnable {

  /** Enough for the JIT's first tier to compile the whole path. */
  static final int ROUNDS = 500;

  private final OfferFactory offers;
  private final Supplier<RelayStatus> status;
  private final Supplier<DiscoveryAnswerPolicy> policy;

  AnswerRehearsal(
      OfferFactory offers, Supplier<RelayStatus> status, Supplier<DiscoveryAnswerPolicy> policy) {
    this.offers = offers;
    this.status = status;
    this.policy = policy;
  }

  @Override
  public void run() {
    UnpooledByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;
    byte[] nonce = new byte[DiscoveryProtocol.NONCE_BYTES];
    for (int i = 0; i < ROUNDS && !Thread.currentThread().isInterrupted(); i++) {
      nonce[0] = (byte) i;
      ByteBuf request = DiscoveryCodec.encode(new DiscoveryRequest(nonce, "rehearsal"), alloc);
      try {
        DiscoveryRequest decoded = (DiscoveryRequest) DiscoveryCodec.decode(request);
        RelayStatus now = status.get();
        AnswerRule.decide(now, policy.get(), i, AnswerRule.draw(decoded.nonce(), offers.relayId()));
        RelayOffer offer = offers.create(decoded.nonce(), now, DiscoveryProtocol.REQUEST_BYTES);
        if (offer != null) {
          DiscoveryCodec.encode(offer, alloc).release();
        }
      } catch (MalformedPacketException e) {
        throw new IllegalStateException("the relay cannot read its own request", e);
      } finally {
        request.release();
      }
    }
  }
}
