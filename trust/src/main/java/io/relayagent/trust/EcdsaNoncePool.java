package io.relayagent.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSAKCalculator;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.RandomDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * {@code SHA256withECDSA} signatures whose costly half is done ahead of time: an ECDSA signature is
 * {@code r = x(k·G) mod n} and {@code s = k⁻¹(e + d·r) mod n}, and the point multiplication {@code
 * k·G}, nearly all of the cost, does not depend on the message. The pool computes random nonces
 * {@code k} with their points while the relay is idle, and a signature then takes one of them: a
 * storm of a thousand offers costs microseconds each instead of a quarter of a millisecond.
 *
 * <p>The signatures are the standard ones that every verifier checks, made by Bouncy Castle's own
 * {@link ECDSASigner}; only the multiplication of the nonce it draws is looked up instead of
 * computed. Each nonce is a fresh uniform random value, removed from the pool when it is taken, so
 * none is used twice; with the pool empty a signature draws and multiplies its nonce as usual.
 *
 * <p>Thread-safe.
 */
final class EcdsaNoncePool {

  /** A nonce and its point: as secret as the key, since either one reveals the other. */
  private record Nonce(BigInteger k, ECPoint point) {}

  private final ECDomainParameters domain;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentLinkedQueue<Nonce> ready = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  EcdsaNoncePool(ECDomainParameters domain) {
    this.domain = domain;
  }

  /** Computes {@code count} more nonces; returns how many are ready now. */
  int fill(int count) {
    RandomDSAKCalculator draw = new RandomDSAKCalculator();
    draw.init(domain.getN(), random);
    ECMultiplier multiplier = new FixedPointCombMultiplier();
    for (int i = 0; i < count; i++) {
      BigInteger k = draw.nextK();
      ready.add(new Nonce(k, multiplier.multiply(domain.getG(), k).normalize()));
      size.incrementAndGet();
    }
    return size.get();
  }

  /** Nonces ready now. */
  int ready() {
    return size.get();
  }

  /** A DER-encoded signature of {@code data} by {@code key}, which must be on this pool's curve. */
  byte[] sign(ECPrivateKeyParameters key, byte[] data) {
    if (!key.getParameters().equals(domain)) {
      throw new IllegalArgumentException("the key is not on the curve of this nonce pool");
    }
    SHA256Digest digest = new SHA256Digest();
    digest.update(data, 0, data.length);
    byte[] hash = new byte[digest.getDigestSize()];
    digest.doFinal(hash, 0);
    OneNonce nonce = new OneNonce();
    ECDSASigner signer =
        new ECDSASigner(nonce) {
          @Override
          protected ECMultiplier createBasePointMultiplier() {
            return nonce;
          }
        };
    signer.init(true, new ParametersWithRandom(key, random));
    BigInteger[] rs = signer.generateSignature(hash);
    try {
      return StandardDSAEncoding.INSTANCE.encode(domain.getN(), rs[0], rs[1]);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an ECDSA signature", e);
    }
  }

  /**
   * One signature's nonce source and base-point multiplier: its first nonce comes from the pool,
   * and the multiplication of exactly that nonce is the precomputed point. A retry (r or s zero,
   * which happens with probability about 2⁻²⁵⁶) draws and multiplies a fresh nonce as usual.
   */
  private final class OneNonce implements DSAKCalculator, ECMultiplier {
    private final RandomDSAKCalculator fallback = new RandomDSAKCalculator();
    private final ECMultiplier multiplier = new FixedPointCombMultiplier();
    private boolean drawn;
    private Nonce taken;

    @Override
    public boolean isDeterministic() {
      return false;
    }

    @Override
    public void init(BigInteger n, SecureRandom secureRandom) {
      fallback.init(n, secureRandom);
    }

    @Override
    public void init(BigInteger n, BigInteger d, byte[] message) {
      throw new IllegalStateException("a random nonce source has no deterministic form");
    }

    @Override
    public BigInteger nextK() {
      if (!drawn) {
        drawn = true;
        taken = ready.poll();
        if (taken != null) {
          size.decrementAndGet();
          return taken.k();
        }
      }
      taken = null;
      return fallback.nextK();
    }

    @Override
    public ECPoint multiply(ECPoint point, BigInteger k) {
      if (taken != null && k == taken.k() && point.equals(domain.getG())) {
        return taken.point();
      }
      return multiplier.multiply(point, k);
    }
  }
}
