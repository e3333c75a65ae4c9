package io.relayagent.trust;

import java.security.PrivateKey;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Signatures of repository content (the server's catalog) by the management server's key, so that
 * an agent can trust a catalog however it got it: directly, or from a relay's cache. Only a
 * certificate that {@link ChainVerifier} accepts for {@link Role#SERVER} can sign: a relay's
 * certificate (clientAuth too) cannot, so a relay cannot forge a catalog.
 *
 * <pre>{@code
 * byte[] signature = ContentSignatures.signer(serverMaterial).sign(catalogBytes);
 * ContentSignatures.verifier(agentVerifier).verify(catalogBytes, signature, serverChain);
 * }</pre>
 *
 * <p>The signature is {@value #ALGORITHM} in DER, whatever the curve, as for discovery offers.
 */
public final class ContentSignatures {
  public static final String ALGORITHM = EcdsaSignatures.ALGORITHM;

  private ContentSignatures() {}

  /** Signs with the key of a server whose material holds its certificate and key. */
  public static Signer signer(TrustMaterial serverMaterial) {
    Credential identity =
        serverMaterial
            .identity()
            .orElseThrow(
                () -> new IllegalArgumentException("signing content needs the server's key"));
    if (Role.of(identity.certificate()).orElse(null) != Role.SERVER) {
      throw new IllegalArgumentException(
          Names.subject(identity.certificate()) + " is not a server certificate");
    }
    if (!"EC".equals(identity.privateKey().getAlgorithm())) {
      throw new IllegalArgumentException(
          "content is signed with EC keys, not " + identity.privateKey().getAlgorithm());
    }
    return new Signer(identity.privateKey(), identity.chain());
  }

  /** Checks signatures against server chains that {@code verifier} accepts. */
  public static Verifier verifier(ChainVerifier verifier) {
    return new Verifier(verifier);
  }

  /** Makes signatures; safe to share between threads. */
  public static final class Signer {
    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private Signer(PrivateKey key, List<X509Certificate> chain) {
      this.key = key;
      this.chain = List.copyOf(chain);
    }

    /** A DER-encoded ECDSA signature of {@code content}. */
    public byte[] sign(byte[] content) {
      return EcdsaSignatures.sign(key, content, "content");
    }

    /** The certificate chain whose first certificate's key signs: what verifiers need. */
    public List<X509Certificate> chain() {
      return chain;
    }
  }

  /** Checks signatures; safe to share between threads. */
  public static final class Verifier {
    private final ChainVerifier chains;

    private Verifier(ChainVerifier chains) {
      this.chains = chains;
    }

    /**
     * Verifies that the key of {@code serverChain}'s first certificate signed {@code content}.
     *
     * @return the server's certificate
     * @throws CertificateRejectedException if the chain is not an acceptable server's
     * @throws SignatureException if the signature is not that key's signature of the content
     */
    public X509Certificate verify(
        byte[] content, byte[] signature, List<X509Certificate> serverChain)
        throws CertificateRejectedException, SignatureException {
      chains.verify(serverChain, Role.SERVER);
      X509Certificate server = serverChain.get(0);
      EcdsaSignatures.verify(server, content, signature, "content");
      return server;
    }
  }
}
