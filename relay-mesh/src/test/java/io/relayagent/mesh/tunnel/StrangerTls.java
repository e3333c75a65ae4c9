package io.relayagent.mesh.tunnel;

import io.relayagent.trust.Credential;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * A hostile client's TLS: it presents its certificate whatever CAs the relay asks for (well-behaved
 * stacks, the JDK's and BoringSSL's, stay silent instead) and trusts any relay. Only for tests that
 * prove the relay refuses such a certificate.
 */
final class StrangerTls {

  private StrangerTls() {}

  static SSLSocketFactory presenting(Credential identity) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        new X509ExtendedKeyManager[] {new AlwaysPresent(identity)},
        new TrustManager[] {new TrustsAnyone()},
        null);
    return context.getSocketFactory();
  }

  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final Credential identity;

    AlwaysPresent(Credential identity) {
      this.identity = identity;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
      return "stranger";
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine e) {
      return "stranger";
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return identity.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return identity.privateKey();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"stranger"};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }

  private static final class TrustsAnyone implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
