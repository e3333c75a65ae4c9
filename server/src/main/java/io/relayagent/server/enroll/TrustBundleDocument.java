package io.relayagent.server.enroll;

import io.relayagent.protocol.enroll.TrustBundle;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.server.http.Document;
import io.relayagent.server.http.Replies;
import io.relayagent.trust.PemText;
import io.relayagent.trust.TrustMaterial;
import io.relayagent.trust.TrustSource;

/**
 * {@code GET /agent/v1/trust}: the roots the server trusts and their CRLs, as a {@link TrustBundle}
 * with an {@code ETag}. It is made from the server's own trust in force (the CA directory's trust
 * bundle and CRL, or the server's CA and CRL files), so agents get exactly what the server checks
 * them against, and it is rebuilt when that changes.
 */
public final class TrustBundleDocument {
  private final TrustSource trust;
  private TrustMaterial builtFrom;
  private Document built;

  public TrustBundleDocument(TrustSource trust) {
    this.trust = trust;
  }

  /** The document for the trust in force now. */
  public synchronized Document current() {
    TrustMaterial material = trust.current();
    if (material != builtFrom) {
      String crls = material.crls().isEmpty() ? null : PemText.encode(material.crls());
      TrustBundle bundle = new TrustBundle(PemText.encode(material.trustedRoots()), crls);
      built = Document.of(ProtocolJson.write(bundle), Replies.JSON);
      builtFrom = material;
    }
    return built;
  }
}
