package io.relayagent.agent;

import io.relayagent.agent.content.ContentUpdater;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.ContentSignatures;
import io.relayagent.trust.TrustSource;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;

/** The agent's check of the server's catalog: signed by a server certificate of its own CA. */
final class CatalogChecks {
  private CatalogChecks() {}

  static ContentUpdater.CatalogCheck of(TrustSource material) {
    ContentSignatures.Verifier verifier =
        ContentSignatures.verifier(new ChainVerifier(material, Clock.systemUTC()));
    return (catalog, signature, serverChain) -> {
      try {
        verifier.verify(catalog, signature, serverChain);
      } catch (GeneralSecurityException e) {
        throw new IOException(
            "the catalog is not signed by the management server: " + e.getMessage(), e);
      }
    };
  }
}
