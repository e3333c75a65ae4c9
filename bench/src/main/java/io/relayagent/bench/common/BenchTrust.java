package io.relayagent.bench.common;

import io.relayagent.mesh.discovery.OfferAuthenticator;
import io.relayagent.mesh.discovery.OfferVerifier;
import io.relayagent.mesh.discovery.TrustOfferAuthenticator;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.SignatureVerifier;
import io.relayagent.trust.TrustFileException;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark hosts' trust, from a CA directory in the layout of {@code relay-agent cert}: the
 * organisation CA alone (to check relays' offers) or with one of the directory's certificates as
 * the host's identity.
 */
public final class BenchTrust {
  private BenchTrust() {}

  /** Checks discovery offers as an agent does: signed by a relay of the directory's CA. */
  public static OfferAuthenticator authenticator(Path caDir) throws TrustFileException {
    CaDirectory ca = new CaDirectory(caDir, Clock.systemUTC());
    TrustMaterial material = TrustMaterial.load(TrustFiles.trusting(ca.caCertificate()));
    return new TrustOfferAuthenticator(
        new SignatureVerifier(new ChainVerifier(material, Clock.systemUTC())));
  }

  /**
   * The offer checks of many simulated agents in one process: two shared threads, as the agents
   * share two event loops, warmed before the first storm as each real agent warms its checks at
   * start. Close it when done.
   */
  public static OfferVerifier simulatedAgentsVerifier(OfferAuthenticator authenticator)
      throws Exception {
    OfferVerifier verifier = new OfferVerifier(authenticator, 2);
    verifier.warmUp().get(30, TimeUnit.SECONDS);
    return verifier;
  }

  /** Trust in the directory's CA, with {@code name}'s certificate and key as the identity. */
  public static TrustMaterial material(Path caDir, String name) throws TrustFileException {
    CaDirectory ca = new CaDirectory(caDir, Clock.systemUTC());
    return TrustMaterial.load(
        TrustFiles.trusting(ca.caCertificate())
            .withIdentity(ca.certificate(name), ca.privateKey(name)));
  }
}
