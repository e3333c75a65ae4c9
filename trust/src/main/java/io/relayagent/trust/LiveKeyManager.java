package io.relayagent.trust;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the identity a {@link TrustSource} holds at the moment of each handshake, so that a
 * certificate renewed or newly enrolled is used by the next connection without rebuilding the TLS
 * contexts. A host without an identity (an agent before it enrolls) presents none.
 *
 * <p>The alias is the certificate's serial number, so a TLS stack that caches key material by alias
 * can never serve the previous certificate under the new one's alias.
 */
final class LiveKeyManager extends X509ExtendedKeyManager {
  private static final String PREFIX = "serial-";

  private final TrustSource trust;

  /**
   * The chain presented last and the identity it was made from: a relay's TLS stack asks for the
   * chain at every handshake, and working it out again (a signature check of the root) would cost
   * each one. A new identity (renewed, enrolled) is a new object and misses.
   */
  private volatile Presented presented;

  private record Presented(Credential identity, X509Certificate[] chain) {}

  LiveKeyManager(TrustSource trust) {
    this.trust = trust;
  }

  private X509Certificate[] presentedChain(Credential identity) {
    Presented last = presented;
    if (last == null || last.identity() != identity) {
      last = new Presented(identity, identity.presentedChain());
      presented = last;
    }
    return last.chain().clone();
  }

  private Optional<Credential> identity() {
    return trust.current().identity();
  }

  private static String alias(Credential identity) {
    return PREFIX + identity.certificate().getSerialNumber().toString(16);
  }

  /** The alias of the identity if its key fits one of {@code keyTypes} (any, if none is given). */
  private String aliasFor(String... keyTypes) {
    Optional<Credential> identity = identity();
    if (identity.isEmpty()) {
      return null;
    }
    if (keyTypes == null || keyTypes.length == 0) {
      return alias(identity.get());
    }
    // Bouncy Castle names its EC keys "ECDSA", the JDK "EC"; TLS stacks ask for "EC", "EC_EC" or
    // an "ECDHE_ECDSA" form.
    boolean ec = identity.get().privateKey().getAlgorithm().startsWith("EC");
    String algorithm = ec ? "EC" : identity.get().privateKey().getAlgorithm();
    for (String keyType : keyTypes) {
      if (keyType == null || keyType.startsWith(algorithm) || (ec && keyType.contains("ECDSA"))) {
        return alias(identity.get());
      }
    }
    return null;
  }

  private Optional<Credential> identityFor(String alias) {
    return identity().filter(identity -> alias(identity).equals(alias));
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return aliasFor(keyTypes);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyTypes);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return getClientAliases(keyType, issuers);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return identityFor(alias).map(this::presentedChain).orElse(null);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return identityFor(alias).map(Credential::privateKey).orElse(null);
  }
}
