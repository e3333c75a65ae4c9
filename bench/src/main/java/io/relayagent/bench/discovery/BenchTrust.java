package io.relayagent.bench.discovery;

import io.relayagent.mesh.discovery.OfferAuthenticator;
import io.relayagent.mesh.discovery.TrustOfferAuthenticator;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.SignatureVerifier;
import io.relayagent.trust.TrustFileException;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.nio.file.Path;
import java.time.Clock;

/** The agent's side of trust in the benchmark hosts: the organisation CA of a CA directory. */
final class BenchTrust {
  private BenchTrust() {}

  static OfferAuthenticator authenticator(Path caDir) throws TrustFileException {
    CaDirectory ca = new CaDirectory(caDir, Clock.systemUTC());
    TrustMaterial material = TrustMaterial.load(TrustFiles.trusting(ca.caCertificate()));
    return new TrustOfferAuthenticator(
        new SignatureVerifier(new ChainVerifier(material, Clock.systemUTC())));
  }
}
