package io.relayagent.trust;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;

/**
 * Signs discovery offers with the relay's private key, so that agents can tell a relay of the
 * organisation from any host on the LAN that answers a broadcast.
 *
 * <p>A relay answers a storm of agents at once, so the costly half of each signature can be done
 * ahead of time: {@link #precompute} fills a pool of nonces (see {@link EcdsaNoncePool}) that later
 * signatures take one at a time. The signatures are the same {@code SHA256withECDSA} either way.
 *
 * <pre>{@code
 * OfferSigner signer = OfferSigner.of(relayIdentity);
 * signer.precompute(1024);            // while idle: about a quarter of a millisecond each
 * byte[] signature = signer.sign(offer); // microseconds while nonces last
 * }</pre>
 */
public final class OfferSigner {
  /** ECDSA with SHA-256 whatever the curve: a signature agents of every version can check. */
  public static final String ALGORITHM = EcdsaSignatures.ALGORITHM;

  private final ECPrivateKeyParameters relayKey;
  private final EcdsaNoncePool nonces;

  public OfferSigner(PrivateKey relayKey) {
    if (!"EC".equals(relayKey.getAlgorithm())) {
      throw new IllegalArgumentException(
          "offers are signed with EC keys, not " + relayKey.getAlgorithm());
    }
    try {
      this.relayKey = (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(relayKey);
    } catch (InvalidKeyException | ClassCastException e) {
      throw new IllegalArgumentException("cannot sign offers with this key: " + e.getMessage(), e);
    }
    this.nonces = new EcdsaNoncePool(this.relayKey.getParameters());
  }

  /** The signer of a relay whose material holds its certificate and key. */
  public static OfferSigner of(TrustMaterial relayMaterial) {
    return of(
        relayMaterial
            .identity()
            .orElseThrow(
                () -> new IllegalArgumentException("a relay needs its certificate and key")));
  }

  /** The signer of a relay's certificate and key. */
  public static OfferSigner of(Credential identity) {
    if (Role.of(identity.certificate()).orElse(null) != Role.RELAY) {
      throw new IllegalArgumentException(
          Names.subject(identity.certificate()) + " is not a relay certificate");
    }
    return new OfferSigner(identity.privateKey());
  }

  /** A DER-encoded ECDSA signature of {@code data}, with a precomputed nonce if one is ready. */
  public byte[] sign(byte[] data) {
    return nonces.sign(relayKey, data);
  }

  /**
   * Does the costly half of {@code count} future signatures now.
   *
   * @return how many signatures can now be made cheaply
   */
  public int precompute(int count) {
    return nonces.fill(count);
  }

  /** How many signatures can be made cheaply now. */
  public int precomputed() {
    return nonces.ready();
  }
}
