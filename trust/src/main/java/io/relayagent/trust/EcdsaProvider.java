package io.relayagent.trust;

import java.security.Provider;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.jcajce.provider.asymmetric.ec.SignatureSpi;

/**
 * Bouncy Castle's ECDSA signature classes, without the rest of its provider.
 *
 * <p>Constructing {@code BouncyCastleProvider} registers every algorithm it has: about 700 classes
 * loaded and several MiB of heap for its tables, in every agent, only to check ECDSA signatures (an
 * idle agent's chain checks and offers). This provider hands out the same classes for the ECDSA
 * signatures alone, so they run exactly as before; {@link Providers#forSignature} turns to the full
 * provider for any other algorithm, so nothing that was accepted is refused.
 */
final class EcdsaProvider extends Provider {
  private static final long serialVersionUID = 1L;

  EcdsaProvider() {
    super(
        "RelayAgentEcdsa",
        "1",
        "Bouncy Castle's ECDSA signatures (SHA-256, SHA-384, SHA-512) without its other algorithms");
    add(
        "SHA256withECDSA",
        "1.2.840.10045.4.3.2",
        SignatureSpi.ecDSA256.class,
        SignatureSpi.ecDSA256::new);
    add(
        "SHA384withECDSA",
        "1.2.840.10045.4.3.3",
        SignatureSpi.ecDSA384.class,
        SignatureSpi.ecDSA384::new);
    add(
        "SHA512withECDSA",
        "1.2.840.10045.4.3.4",
        SignatureSpi.ecDSA512.class,
        SignatureSpi.ecDSA512::new);
  }

  /** Made by a constructor call, not by reflection on a class name: checked when compiled. */
  private void add(
      String algorithm,
      String oid,
      Class<? extends SignatureSpi> type,
      Supplier<? extends SignatureSpi> make) {
    putService(
        new Service(
            this, "Signature", algorithm, type.getName(), List.of(oid, "OID." + oid), null) {
          @Override
          public Object newInstance(Object constructorParameter) {
            return make.get();
          }
        });
  }
}
