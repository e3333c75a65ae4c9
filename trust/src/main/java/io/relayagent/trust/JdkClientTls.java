package io.relayagent.trust;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * TLS for clients built on the JDK's own stack, such as {@code java.net.http.HttpClient}: the same
 * trust manager, protocols and ciphers as {@link TlsContexts}, as an {@link SSLContext} and the
 * {@link SSLParameters} to use with it (which ask for the server's host name to be checked).
 *
 * <pre>{@code
 * JdkClientTls tls = TlsContexts.forJdkClient(material, Role.SERVER);
 * HttpClient client =
 *     HttpClient.newBuilder().sslContext(tls.context()).sslParameters(tls.parameters()).build();
 * }</pre>
 */
public record JdkClientTls(SSLContext context, SSLParameters parameters) {

  /** Build once and share, as for {@link TlsContexts}. */
  static JdkClientTls of(TrustSource material, Role expectedServerRole, Clock clock) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      TrustManager trustManager =
          new VerifyingTrustManager(
              new ChainVerifier(material, clock), expectedServerRole, material);
      context.init(keyManagers(material), new TrustManager[] {trustManager}, new SecureRandom());
      SSLParameters parameters = context.getDefaultSSLParameters();
      parameters.setProtocols(TlsContexts.PROTOCOLS.toArray(new String[0]));
      parameters.setCipherSuites(
          TlsContexts.CIPHERS.stream()
              .filter(Set.of(context.getSupportedSSLParameters().getCipherSuites())::contains)
              .toArray(String[]::new));
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      return new JdkClientTls(context, parameters);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a JDK TLS context: " + e.getMessage(), e);
    }
  }

  /** The material's identity as a key manager; none for a client without a certificate. */
  private static KeyManager[] keyManagers(TrustSource source)
      throws GeneralSecurityException, IOException {
    if (!(source instanceof TrustMaterial material)) {
      return new KeyManager[] {new LiveKeyManager(source)};
    }
    if (material.identity().isEmpty()) {
      return null;
    }
    Credential identity = material.identity().get();
    // The store lives only in memory; its password protects nothing and need not be secret.
    char[] password = "in-memory".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("identity", identity.privateKey(), password, identity.presentedChain());
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }
}
